using Linguacodus.Core.Execution;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Integration;

/// <summary>The task's data, bound read-only into the real sandbox: read in place, never changed, never copied.</summary>
public sealed class SandboxInputsTests : SandboxTest
{
    private const string Train = "id,y\n1,0.5\n2,1.5\n";

    // A private temporary folder (0700, root's when the app is root): the sandbox user must still read it, in place.
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("linguacodus-data-");

    [Fact]
    public async Task RunAsync_TaskData_IsReadInPlaceButCannotBeChangedOrRemoved()
    {
        File.WriteAllText(Path.Combine(_data.FullName, "train.csv"), Train);
        Directory.CreateDirectory(Path.Combine(_data.FullName, "train_images"));
        File.WriteAllBytes(Path.Combine(_data.FullName, "train_images", "a.png"), [1, 2, 3]);
        var inputs = new SandboxInputs(_data.FullName, ["train.csv", "train_images"]);

        var (result, lines) = await RunAsync("""
            import os, shutil
            print("read", open("train.csv").read().count("\n"), sorted(os.listdir("train_images")))
            attempts = {
                "write": lambda: open("train.csv", "w").write("x"),
                "append": lambda: open("train.csv", "a").write("x"),
                "delete": lambda: os.remove("train.csv"),
                "rename": lambda: os.rename("train.csv", "mine.csv"),
                "chmod": lambda: os.chmod("train.csv", 0o777),
                "add image": lambda: open("train_images/b.png", "wb").write(b"x"),
                "delete image": lambda: os.remove("train_images/a.png"),
                "delete folder": lambda: shutil.rmtree("train_images"),
            }
            for name, attempt in attempts.items():
                try:
                    attempt()
                    print("changed", name)
                except OSError:
                    print("refused", name)
            open("out.txt", "w").write("mine")
            """, inputs);

        var printed = lines.Select(l => l.Text).ToList();
        Assert.True(result.Succeeded, string.Join("\n", printed));
        Assert.Contains("read 3 ['a.png']", printed);
        Assert.DoesNotContain(printed, l => l.StartsWith("changed", StringComparison.Ordinal));
        Assert.Equal(8, printed.Count(l => l.StartsWith("refused", StringComparison.Ordinal)));
        Assert.Equal(Train, File.ReadAllText(Path.Combine(_data.FullName, "train.csv")));
        Assert.Equal(["a.png"], Directory.GetFiles(Path.Combine(_data.FullName, "train_images")).Select(Path.GetFileName));
        // Only what the program wrote: no mount-point placeholders, no copies of the data.
        Assert.Equal(["main.py", "out.txt"], Directory.GetFileSystemEntries(Work.FullName).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SameDataTwice_BothProgramsReadItAndTheFolderStaysClean()
    {
        File.WriteAllText(Path.Combine(_data.FullName, "train.csv"), Train);
        var inputs = new SandboxInputs(_data.FullName, ["train.csv"]);

        var (first, _) = await RunAsync("print(len(open('train.csv').read()))", inputs);
        var (second, lines) = await RunAsync("print(len(open('train.csv').read()))", inputs);

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal([$"{Train.Length}"], lines.Select(l => l.Text));
        Assert.Equal(["main.py"], Directory.GetFileSystemEntries(Work.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public async Task RunAsync_InputThatIsALinkOrAPath_IsRefusedBeforeAnythingRuns()
    {
        File.WriteAllText(Path.Combine(_data.FullName, "train.csv"), Train);
        File.CreateSymbolicLink(Path.Combine(_data.FullName, "passwd.csv"), "/etc/passwd");

        foreach (var name in new[] { "passwd.csv", "../train.csv", "missing.csv" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => RunAsync("open('ran', 'w')", new SandboxInputs(_data.FullName, [name])));
        }
        // A data folder inside the working folder: its entries would be taken for placeholders.
        await Assert.ThrowsAsync<ArgumentException>(() => RunAsync("open('ran', 'w')", new SandboxInputs(Work.FullName, ["main.py"])));
        Assert.False(File.Exists(Path.Combine(Work.FullName, "ran")));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _data.Delete(recursive: true);
        }
        base.Dispose(disposing);
    }
}
