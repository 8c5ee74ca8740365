using System.IO.Compression;
using System.Text;
using Linguacodus.Core.Tasks;
using Linguacodus.Web.Components.Pages.NewTask;
using Linguacodus.Web.Intake;

namespace Linguacodus.Tests.Web.Intake;

/// <summary>The intake over real files on disk and real zips made here, into a real upload folder, under small limits.</summary>
public sealed class TaskIntakeTests : IDisposable
{
    private const string Train = "id,x,y\n1,2,3\n2,3,4\n";
    private const string Test = "id,x\n3,4\n";
    private const string TaskJson = """{ "title": "Churn", "task": "Predict churn.", "data_type": "tabular", "metrics": "roc" }""";

    private static readonly UploadLimits Limits = new() { MaxFileMegabytes = 1, MaxFiles = 3, MaxTotalMegabytes = 2 };

    private readonly string _root = Directory.CreateTempSubdirectory("linguacodus-intake-test-").FullName;
    private readonly TaskIntake _intake = new(Limits);

    private string Upload => Directory.CreateDirectory(Path.Combine(_root, "upload")).FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task TakeFiles_CsvInOddCaseAndOddName_SavesUnderServerNamesWithANote()
    {
        var progress = new List<IntakeProgress>();

        var result = await _intake.TakeFilesAsync(Upload, [Source("TRAIN.CSV", Train), Source("extra data.csv", "a\n1\n")], new SyncProgress(progress), CancellationToken.None);

        Assert.Equal(["train.csv", "extra_data.csv"], result.Saved);
        Assert.Equal(["'extra data.csv' was saved as extra_data.csv."], result.Notes);
        Assert.Empty(result.Problems);
        Assert.Equal(Train, await File.ReadAllTextAsync(Path.Combine(Upload, "train.csv")));
        // No half-written file is left behind, and the last report of each file says all of it was taken.
        Assert.Equal(["extra_data.csv", "train.csv"], Directory.EnumerateFiles(Upload).Select(Path.GetFileName).Order());
        Assert.Equal(new IntakeProgress("TRAIN.CSV", Train.Length, Train.Length), progress.Last(p => p.Name == "TRAIN.CSV"));
    }

    [Fact]
    public async Task TakeFiles_NotCsvEmptyAndZipNamedCsv_AreRefusedWithTheReasonAndNothingIsSaved()
    {
        var zipNamedCsv = Path.Combine(_root, "data.csv");
        await File.WriteAllBytesAsync(zipNamedCsv, Zip(("train.csv", Train)));

        var result = await _intake.TakeFilesAsync(Upload, [Source("data.xlsx", "a;b"), Source("test.csv", ""), IntakeFile.FromPath(zipNamedCsv)], null, CancellationToken.None);

        Assert.Empty(result.Saved);
        Assert.Equal(3, result.Problems.Count);
        Assert.StartsWith("'data.xlsx' is not a CSV file", result.Problems[0]);
        Assert.Equal("'test.csv' is empty.", result.Problems[1]);
        Assert.StartsWith("'data.csv' is a zip archive, not a CSV file", result.Problems[2]);
        Assert.Empty(Directory.EnumerateFiles(Upload));
    }

    [Fact]
    public async Task TakeFiles_MoreFilesThanTheTaskHasRoomFor_RefusesAllBeforeReadingAny()
    {
        await File.WriteAllTextAsync(Path.Combine(Upload, "train.csv"), Train);
        await File.WriteAllTextAsync(Path.Combine(Upload, "test.csv"), Test);

        var result = await _intake.TakeFilesAsync(Upload, [Source("a.csv", "a\n1\n"), Source("b.csv", "b\n2\n")], null, CancellationToken.None);

        Assert.Equal(["2 files were chosen, but this task has room for 1 more (at most 3 files); remove some first."], result.Problems);
        Assert.Equal(2, Directory.EnumerateFiles(Upload).Count());
    }

    [Fact]
    public async Task TakeFiles_FileOverTheLimitOrOverTheTaskTotal_IsRefused()
    {
        var nearlyFull = Rows(Limits.MaxFileBytes - 5);
        await File.WriteAllTextAsync(Path.Combine(Upload, "train.csv"), nearlyFull);
        await File.WriteAllTextAsync(Path.Combine(Upload, "test.csv"), nearlyFull);

        var big = await _intake.TakeFilesAsync(Upload, [Source("big.csv", Rows(Limits.MaxFileBytes + 1))], null, CancellationToken.None);
        var more = await _intake.TakeFilesAsync(Upload, [Source("more.csv", "a\n1\n2\n3\n4\n5\n6\n7\n8\n9\n")], null, CancellationToken.None);

        Assert.Equal(["'big.csv' is 1 MB; files may be at most 1 MB."], big.Problems);
        Assert.Equal(["'more.csv' (20 B) would take this task's files past 2 MB in all."], more.Problems);
        Assert.Empty(big.Saved.Concat(more.Saved));
        Assert.Equal(2, Directory.EnumerateFiles(Upload).Count());
    }

    [Fact]
    public async Task TakeFiles_FileLargerThanItDeclared_IsCutOffAtTheLimitAndNotKept()
    {
        var path = Path.Combine(_root, "train.csv");
        await File.WriteAllTextAsync(path, Rows(Limits.MaxFileBytes + 100));
        var lying = IntakeFile.FromPath(path) with { Size = 10 };

        var result = await _intake.TakeFilesAsync(Upload, [lying], null, CancellationToken.None);

        Assert.Equal(["'train.csv' is larger than it said; files may be at most 1 MB."], result.Problems);
        Assert.Empty(Directory.EnumerateFiles(Upload));
    }

    [Fact]
    public async Task TakeFiles_TaskFolderZip_UnpacksOnlyItsTablesAndHandsBackItsTaskJson()
    {
        var zip = Path.Combine(_root, "churn.zip");
        await File.WriteAllBytesAsync(zip, Zip(("churn/train.csv", Train), ("churn/test.csv", Test), ("churn/task.json", TaskJson), ("churn/notes.txt", "hello")));

        var result = await _intake.TakeFilesAsync(Upload, [IntakeFile.FromPath(zip)], null, CancellationToken.None);

        Assert.Equal(["train.csv", "test.csv"], result.Saved);
        Assert.Equal(["1 file in 'churn.zip' is not a CSV table and was left out: notes.txt."], result.Notes);
        var found = Assert.Single(result.Tasks);
        Assert.Equal(new MlTask("Churn", "Predict churn.", "tabular", "roc", "", ""), found.Task);
        Assert.Equal("'churn.zip'", found.Where);
        Assert.True(found.Hints.IsEmpty);
        // The archive itself is gone; only the tables stay.
        Assert.Equal(["test.csv", "train.csv"], Directory.EnumerateFiles(Upload).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task TakeFiles_ZipBombTraversalAndSymlinkEntries_AreRefusedOrSkippedWithANote()
    {
        var zip = Path.Combine(_root, "bomb.zip");
        await File.WriteAllBytesAsync(zip, Zip(("../evil.csv", Train, false), ("link.csv", Train, true), ("big.csv", Rows(Limits.MaxFileBytes + 1), false), ("train.csv", Train, false)));
        Assert.True(new FileInfo(zip).Length < 100_000);

        var result = await _intake.TakeFilesAsync(Upload, [IntakeFile.FromPath(zip)], null, CancellationToken.None);

        Assert.Equal(["train.csv"], result.Saved);
        Assert.Equal(["'big.csv' in 'bomb.zip' unpacks to more than 1 MB; files may be at most 1 MB."], result.Problems);
        Assert.Contains("'../evil.csv' in 'bomb.zip' was skipped: its path points outside the archive.", result.Notes);
        Assert.Contains("'link.csv' in 'bomb.zip' was skipped: it is a symbolic link.", result.Notes);
        Assert.Equal(["train.csv"], Directory.EnumerateFiles(Upload).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(_root, "evil.csv")));
    }

    [Fact]
    public async Task TakeFiles_ZipWithoutTables_SaysSoAndKeepsEarlierFiles()
    {
        await File.WriteAllTextAsync(Path.Combine(Upload, "train.csv"), Train);
        var zip = Path.Combine(_root, "empty.zip");
        await File.WriteAllBytesAsync(zip, Zip(("readme.md", "x")));

        var result = await _intake.TakeFilesAsync(Upload, [IntakeFile.FromPath(zip)], null, CancellationToken.None);

        Assert.Contains("'empty.zip' holds no CSV tables.", result.Problems);
        Assert.Equal(["train.csv"], Directory.EnumerateFiles(Upload).Select(Path.GetFileName));
    }

    [Fact]
    public async Task TakeFolder_NestedTaskFolder_FlattensTablesSkipsDuplicatesAndTheRestAndReadsTaskJson()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "churn")).FullName;
        var data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
        var other = Directory.CreateDirectory(Path.Combine(folder, "old")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "train.csv"), Train);
        await File.WriteAllTextAsync(Path.Combine(data, "test.csv"), Test);
        await File.WriteAllTextAsync(Path.Combine(other, "train.csv"), "id,x,y\n5,5,5\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "README.md"), "# about");
        await File.WriteAllTextAsync(Path.Combine(folder, ".DS_Store"), "x");
        await File.WriteAllTextAsync(Path.Combine(folder, "task.json"), TaskJson);
        // As a browser gives a picked folder: every file under it, by bare name, in walking order.
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(p => IntakeFile.FromPath(p)).ToList();

        var result = await _intake.TakeFolderAsync(Upload, files, null, CancellationToken.None);

        Assert.Equal(["test.csv", "train.csv"], result.Saved.Order());
        Assert.Contains("1 file in the folder is not a CSV table and was left out: README.md.", result.Notes);
        Assert.Contains("A second 'train.csv' in the folder was skipped: the folder already had a train.csv.", result.Notes);
        Assert.Equal("Churn", Assert.Single(result.Tasks).Task.Title);
        Assert.Equal("the folder", result.Tasks[0].Where);
        Assert.Equal(Train, await File.ReadAllTextAsync(Path.Combine(Upload, "train.csv")));
    }

    [Fact]
    public async Task TakeFolder_NoTablesOrTooManyEntries_IsRefusedBeforeReading()
    {
        var readme = Path.Combine(_root, "README.md");
        await File.WriteAllTextAsync(readme, "x");
        var tooMany = Enumerable.Range(0, TaskIntake.MaxFolderEntries + 1).Select(i => IntakeFile.FromPath(readme, $"f{i}.txt")).ToList();

        var empty = await _intake.TakeFolderAsync(Upload, [IntakeFile.FromPath(readme)], null, CancellationToken.None);
        var huge = await _intake.TakeFolderAsync(Upload, tooMany, null, CancellationToken.None);

        Assert.Equal(["The folder holds no CSV tables."], empty.Problems);
        Assert.Equal(["The folder holds 1,001 files; choose the task's own folder (at most 1,000 files)."], huge.Problems);
        Assert.Empty(Directory.EnumerateFiles(Upload));
    }

    [Fact]
    public async Task ReadTaskTable_PaperFormatOrNot_ListsItsTasksOrSaysWhatIsMissing()
    {
        var table = "title,task,data_type,metrics,data_card,submission\nHouses,Predict the price.,tabular,rmse,,\"id,price\"\n";

        var (tasks, problem) = await _intake.ReadTaskTableAsync(Source("my tasks.csv", table), Upload, CancellationToken.None);
        var (none, refusal) = await _intake.ReadTaskTableAsync(Source("train.csv", Train), Upload, CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(new MlTask("Houses", "Predict the price.", "tabular", "rmse", "", "id,price"), Assert.Single(tasks));
        Assert.Empty(none);
        Assert.StartsWith("'train.csv' cannot be used: not a task table", refusal);
    }

    /// <summary>A real file on disk with the given content, offered under the given name.</summary>
    private IntakeFile Source(string name, string content)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "sources", Guid.NewGuid().ToString("N"))).FullName, "file");
        File.WriteAllText(path, content);
        return IntakeFile.FromPath(path, name);
    }

    private static string Rows(long bytes)
    {
        var text = new StringBuilder("a,b\n");
        while (text.Length < bytes)
        {
            text.Append("1,2\n");
        }
        return text.ToString(0, (int)bytes);
    }

    private static byte[] Zip(params (string Name, string Content, bool Symlink)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, symlink) in entries)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                if (symlink)
                {
                    entry.ExternalAttributes = unchecked((int)0xA1FF0000);
                }
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return memory.ToArray();
    }

    private static byte[] Zip(params (string Name, string Content)[] entries) => Zip([.. entries.Select(e => (e.Name, e.Content, false))]);

    /// <summary>Records reports as they are made, unlike <see cref="Progress{T}"/>, which posts them for later.</summary>
    private sealed class SyncProgress(List<IntakeProgress> reports) : IProgress<IntakeProgress>
    {
        public void Report(IntakeProgress value) => reports.Add(value);
    }
}
