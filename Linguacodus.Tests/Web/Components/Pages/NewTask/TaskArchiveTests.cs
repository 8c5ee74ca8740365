using System.IO.Compression;
using System.Text;
using Linguacodus.Web.Components.Pages.NewTask;

namespace Linguacodus.Tests.Web.Components.Pages.NewTask;

/// <summary>Real zip files, made here with System.IO.Compression, unpacked into a real folder under small limits.</summary>
public sealed class TaskArchiveTests : IDisposable
{
    private const string Train = "id,x,y\n1,2,3\n2,3,4\n";
    private const string Test = "id,x\n3,4\n";

    private static readonly UploadLimits Limits = new() { MaxFileMegabytes = 2, MaxFiles = 3, MaxTotalMegabytes = 3, MaxArchiveEntries = 1_000 };

    private readonly string _root = Directory.CreateTempSubdirectory("linguacodus-archive-test-").FullName;

    private string Target => Directory.CreateDirectory(Path.Combine(_root, "upload")).FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Extract_TaskFolderZip_SavesItsTables()
    {
        var zip = Zip(("train.csv", Train), ("test.csv", Test), ("sample_submission.csv", "id,y\n3,0\n"));

        var result = await ExtractAsync(zip);

        Assert.Equal(["train.csv", "test.csv", "sample_submission.csv"], result.Saved);
        Assert.Empty(result.Problems);
        Assert.Empty(result.Notes);
        Assert.Null(result.Task);
        Assert.Equal(Train, await File.ReadAllTextAsync(Path.Combine(Target, "train.csv")));
    }

    [Fact]
    public async Task Extract_OneTopLevelFolder_FlattensItAndReadsTaskJson()
    {
        var zip = Zip(
            ("churn/", ""),
            ("churn/Train.CSV", Train),
            ("churn/data/test.csv", Test),
            ("churn/task.json", """{ "title": "Churn", "task": "Predict churn.", "metrics": "roc", "extra": 1 }"""));

        var result = await ExtractAsync(zip);

        Assert.Equal(["train.csv", "test.csv"], result.Saved);
        Assert.Equal(new("Churn", "Predict churn.", "", "roc", "", ""), result.Task);
        Assert.Equal(["test.csv", "train.csv"], Directory.EnumerateFiles(Target).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Extract_TraversalAbsoluteSymlinkAndDuplicateEntries_AreSkippedWithANote()
    {
        var zip = Zip(
            ("../evil.csv", Train),
            ("a/../../escape.csv", Train),
            ("/etc/cron.csv", Train),
            ("C:/windows/x.csv", Train),
            ("..\\back.csv", Train),
            ("a/train.csv", Train),
            ("b/train.csv", "id,x,y\n9,9,9\n"));
        AddSymlink(zip, "link.csv", "/etc/passwd");

        var result = await ExtractAsync(zip);

        Assert.Equal(["train.csv"], result.Saved);
        Assert.Equal(Train, await File.ReadAllTextAsync(Path.Combine(Target, "train.csv")));
        Assert.Equal(5, result.Notes.Count(n => n.Contains("its path points outside the archive", StringComparison.Ordinal)));
        Assert.Contains("'b/train.csv' in 'task.zip' was skipped: the archive already had a train.csv.", result.Notes);
        Assert.Contains("'link.csv' in 'task.zip' was skipped: it is a symbolic link.", result.Notes);
        Assert.Equal(["task.zip", "train.csv"], Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Extract_ZipBomb_IsRefusedAtTheLimitAndTheRestIsKept()
    {
        // 3 MB of rows that compress to a few kilobytes: over the 2 MB a file may have.
        var bomb = "a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", 3 * 1024 * 1024 / 4));
        var zip = Zip(("train.csv", bomb), ("test.csv", Test));
        Assert.True(new FileInfo(zip).Length < 100_000);

        var result = await ExtractAsync(zip);

        Assert.Equal(["'train.csv' in 'task.zip' unpacks to more than 2 MB; files may be at most 2 MB."], result.Problems);
        Assert.Equal(["test.csv"], result.Saved);
        Assert.Equal(["test.csv"], Directory.EnumerateFiles(Target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Extract_BombsTogetherOverTheTotal_StopUnpacking()
    {
        // Each under the per-file limit, together over the 3 MB a task may hold.
        var rows = "a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", (int)(1.9 * 1024 * 1024 / 4)));
        var zip = Zip(("one.csv", rows), ("two.csv", rows), ("three.csv", rows));

        var result = await ExtractAsync(zip);

        Assert.Equal(["one.csv"], result.Saved);
        Assert.Equal(["'two.csv' in 'task.zip' would take this task's files past 3 MB in all; it and the rest were not unpacked."], result.Problems);
    }

    [Fact]
    public async Task Extract_NonCsvEntries_AreNamedInOneNoteAndSystemFilesAreIgnored()
    {
        var zip = Zip(("train.csv", Train), ("README.md", "# notes"), ("model.pkl", "\0\0"), ("__MACOSX/._train.csv", "\0\u0005"), (".DS_Store", "\0"));

        var result = await ExtractAsync(zip);

        Assert.Equal(["train.csv"], result.Saved);
        Assert.Equal(["2 files in 'task.zip' are not CSV tables and were left out: README.md, model.pkl."], result.Notes);
    }

    [Fact]
    public async Task Extract_CsvThatIsNoTable_GetsTheSniffersMessage()
    {
        var zip = Zip(("train.csv", "a,b\n\0\u0001\n"), ("test.csv", Test));

        var result = await ExtractAsync(zip);

        Assert.Equal(["'train.csv' holds binary data (a zero byte at position 4), not CSV text."], result.Problems);
        Assert.Equal(["test.csv"], Directory.EnumerateFiles(Target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Extract_MoreTablesThanATaskMayHold_StopsAtTheLimit()
    {
        var zip = Zip(("a.csv", Train), ("b.csv", Train), ("c.csv", Train), ("d.csv", Train));

        var result = await ExtractAsync(zip);

        Assert.Equal(["a.csv", "b.csv", "c.csv"], result.Saved);
        Assert.Equal(["'task.zip' holds more tables than fit: a task may have at most 3 files; 'd.csv' and the rest were not unpacked."], result.Problems);
    }

    [Fact]
    public async Task Extract_BrokenTaskJson_IsANoteAndTheTablesStillCome()
    {
        var zip = Zip(("task.json", "{ title: "), ("train.csv", Train));

        var result = await ExtractAsync(zip);

        Assert.Null(result.Task);
        Assert.Equal(["train.csv"], result.Saved);
        Assert.Equal(["task.json is not valid JSON, so it was not used; fill in the form by hand."], result.Notes);
    }

    [Theory]
    [InlineData(1_001, "1,001")]
    [InlineData(70_000, "70,000")]
    public async Task Extract_ArchiveListingTooManyEntries_IsRefusedBeforeItsDirectoryIsRead(int entries, string shown)
    {
        // Over 65,535 entries the count only exists in the ZIP64 end record.
        var zip = Zip([.. Enumerable.Range(0, entries).Select(i => ($"{i}.txt", ""))]);

        var result = await ExtractAsync(zip);

        Assert.Equal([$"'task.zip' lists {shown} entries; a task folder's zip may have at most 1,000."], result.Problems);
        Assert.Empty(Directory.EnumerateFiles(Target));
    }

    [Fact]
    public async Task Extract_NotAZip_SaysSo()
    {
        var path = Path.Combine(_root, "task.zip");
        await File.WriteAllTextAsync(path, "id,x\n1,2\n");

        var result = await ExtractAsync(path);

        Assert.Equal(["'task.zip' is not a zip archive that can be read."], result.Problems);
    }

    private Task<TaskArchiveResult> ExtractAsync(string zip) =>
        TaskArchive.ExtractAsync(zip, "task.zip", Target, Limits, CancellationToken.None);

    private string Zip(params (string Name, string Content)[] entries)
    {
        var path = Path.Combine(_root, "task.zip");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
            stream.Write(Encoding.UTF8.GetBytes(content));
        }
        return path;
    }

    private static void AddSymlink(string zip, string name, string target)
    {
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Update);
        var entry = archive.CreateEntry(name);
        // Unix mode in the high 16 bits: a symbolic link (0xA000) with rwxrwxrwx.
        entry.ExternalAttributes = 0xA1FF << 16;
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(target));
    }
}
