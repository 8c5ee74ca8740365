using Linguacodus.Core.Runs;
using Linguacodus.Web.Runs;

namespace Linguacodus.Tests.Web.Runs;

public sealed class RunPlotsTests : IDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

    private readonly string _run = Directory.CreateTempSubdirectory("linguacodus-plots-").FullName;
    private readonly string _work;

    public RunPlotsTests() => _work = Directory.CreateDirectory(Path.Combine(_run, "work")).FullName;

    [Fact]
    public async Task List_MixedFolder_OnlyRealPngAndJpegFilesByPlainName()
    {
        File.WriteAllBytes(Path.Combine(_work, "plot.png"), Png);
        File.WriteAllBytes(Path.Combine(_work, "photo.JPG"), Jpeg);
        File.WriteAllText(Path.Combine(_work, "drawing.svg"), "<svg onload=alert(1)></svg>");
        File.WriteAllBytes(Path.Combine(_work, ".hidden.png"), Png);
        File.WriteAllBytes(Path.Combine(_work, "empty.png"), []);
        File.WriteAllText(Path.Combine(_work, "train.csv"), "a\n1\n");
        var secret = Path.Combine(_run, "secret.png");
        File.WriteAllBytes(secret, Png);
        File.CreateSymbolicLink(Path.Combine(_work, "link.png"), secret);
        Directory.CreateDirectory(Path.Combine(_work, "dir.png"));

        var names = RunPlots.List(new RunLayout(_run));

        Assert.Equal(["photo.JPG", "plot.png"], names);
        Assert.Equal("image/png", (await RunPlots.ReadAsync(new RunLayout(_run), "plot.png", CancellationToken.None))?.ContentType);
        Assert.Equal("image/jpeg", (await RunPlots.ReadAsync(new RunLayout(_run), "photo.JPG", CancellationToken.None))?.ContentType);
        Assert.Equal(Png, (await RunPlots.ReadAsync(new RunLayout(_run), "plot.png", CancellationToken.None))?.Bytes);
    }

    [Theory]
    [InlineData("link.png")]
    [InlineData("../secret.png")]
    [InlineData("..%2fsecret.png")]
    [InlineData("/etc/passwd")]
    [InlineData("drawing.svg")]
    [InlineData("fake.png")]
    [InlineData("PLOT.PNG")]
    public async Task ReadAsync_NotAListedRealImage_Null(string name)
    {
        File.WriteAllBytes(Path.Combine(_work, "plot.png"), Png);
        File.WriteAllText(Path.Combine(_work, "fake.png"), "<html><script>alert(1)</script></html>");
        File.WriteAllText(Path.Combine(_work, "drawing.svg"), "<svg/>");
        var secret = Path.Combine(_run, "secret.png");
        File.WriteAllBytes(secret, Png);
        File.CreateSymbolicLink(Path.Combine(_work, "link.png"), secret);

        Assert.Null(await RunPlots.ReadAsync(new RunLayout(_run), name, CancellationToken.None));
    }

    [Fact]
    public void List_TooLargeImage_LeftOut()
    {
        using (var big = File.Create(Path.Combine(_work, "big.png")))
        {
            big.Write(Png);
            big.SetLength(RunPlots.MaxBytes + 1);
        }

        Assert.Empty(RunPlots.List(new RunLayout(_run)));
    }

    [Fact]
    public void List_WorkFolderIsASymlink_Nothing()
    {
        var elsewhere = Directory.CreateTempSubdirectory("linguacodus-plots-elsewhere-").FullName;
        File.WriteAllBytes(Path.Combine(elsewhere, "plot.png"), Png);
        var run = Directory.CreateDirectory(Path.Combine(_run, "other")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(run, "work"), elsewhere);

        Assert.Empty(RunPlots.List(new RunLayout(run)));
        Directory.Delete(elsewhere, recursive: true);
    }

    public void Dispose() => Directory.Delete(_run, recursive: true);
}
