using Bunit;
using Linguacodus.Tests.Web;
using Linguacodus.Web.Components.Pages.NewTask;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Linguacodus.Tests.Security;

/// <summary>
/// Hostile uploads against the real new-task form and its real services: each is refused with a plain message
/// before it is stored (or after its first megabyte at most), and what is stored has a server-made name and place.
/// </summary>
public sealed class UploadLimitsTests : ComponentTest
{
    private AppServices _app = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Small limits, so the tests need only small files; set before the app's services are built.
        Context.Services.Configure<UploadLimits>(o =>
        {
            o.MaxFileMegabytes = 2;
            o.MaxFiles = 3;
            o.MaxTotalMegabytes = 3;
        });
        _app = await AppServices.AddToAsync(Context);
    }

    public override async Task DisposeAsync() => await _app.DisposeAsync();

    private string Uploads => Path.Combine(_app.DataDirectory, "uploads");

    private List<string> Stored() => Directory.Exists(Uploads)
        ? [.. Directory.EnumerateFiles(Uploads, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Uploads, f))]
        : [];

    private IRenderedComponent<NewTaskPage> Upload(params InputFileContent[] files)
    {
        var page = Context.Render<NewTaskPage>();
        page.FindComponent<InputFile>().UploadFiles(files);
        return page;
    }

    private static string Problem(IRenderedComponent<NewTaskPage> page)
    {
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=upload-problem]")));
        return page.Find("[data-testid=upload-problem]").TextContent;
    }

    [Fact]
    public void UploadLimits_OversizedFile_IsRefusedBeforeItIsStored()
    {
        var page = Upload(InputFileContent.CreateFromBinary(new byte[(int)(2.5 * 1024 * 1024)], "train.csv"));

        Assert.Equal("'train.csv' is 2.5 MB; files may be at most 2 MB.", Problem(page));
        Assert.Empty(Stored());
    }

    [Fact]
    public void UploadLimits_TooManyFiles_AreRefusedAsAWhole()
    {
        var page = Upload([.. Enumerable.Range(0, 4).Select(i => InputFileContent.CreateFromText("a,b\n1,2\n", $"table{i}.csv"))]);

        Assert.Equal("4 files were chosen; a task may have at most 3 files.", Problem(page));
        Assert.Empty(Stored());
    }

    [Fact]
    public void UploadLimits_TotalSize_CountsEveryFileOfTheTask()
    {
        var row = "1,2\n";
        var large = "a,b\n" + string.Concat(Enumerable.Repeat(row, 1_600_000 / row.Length));

        var page = Upload(InputFileContent.CreateFromText(large, "train.csv"), InputFileContent.CreateFromText(large, "test.csv"));

        Assert.StartsWith("'test.csv' (1.5 MB) would take this task's files past 3 MB in all.", Problem(page));
        Assert.Equal(["train.csv"], Stored().Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "'bomb.csv' is a zip archive, not a CSV file; unpack it and upload the CSV inside.")]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00 }, "'bomb.csv' is gzip-compressed, not a CSV file; unpack it and upload the CSV inside.")]
    [InlineData(new byte[] { }, "'bomb.csv' is empty.")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00 }, "'bomb.csv' is UTF-16 text; save it as UTF-8 CSV and upload it again.")]
    [InlineData(new byte[] { 0x61, 0x2C, 0x62, 0x0A, 0x00, 0x01, 0x0A }, "'bomb.csv' holds binary data (a zero byte at position 4), not CSV text.")]
    [InlineData(new byte[] { 0x63, 0x61, 0x66, 0xE9, 0x2C, 0x78, 0x0A, 0x31, 0x2C, 0x32, 0x0A }, "'bomb.csv' is not UTF-8 text (at byte 3); save it as UTF-8 CSV (e.g. \"CSV UTF-8\" in a spreadsheet) and upload it again.")]
    public void UploadLimits_NotACsvTable_IsRefusedWithWhatItIs(byte[] content, string expected)
    {
        var page = Upload(InputFileContent.CreateFromBinary(content, "bomb.csv"));

        Assert.Equal(expected, Problem(page));
        Assert.Empty(Stored());
    }

    [Fact]
    public void UploadLimits_OneGiantLine_IsRefusedAfterItsFirstMegabyte()
    {
        var page = Upload(InputFileContent.CreateFromText(new string('a', (int)(1.5 * 1024 * 1024)), "train.csv"));

        Assert.Equal("The first line of 'train.csv' is longer than 1 MB: that is not a table with a header row.", Problem(page));
        Assert.Empty(Stored());
    }

    [Theory]
    [InlineData("../../train.csv", "train.csv")]
    [InlineData("..\\..\\..\\etc\\cron.d\\evil.csv", "evil.csv")]
    [InlineData("/etc/passwd.csv", "passwd.csv")]
    [InlineData("..csv", null)]
    [InlineData("<script>alert(1)</script>.csv", "script_.csv")]
    public void UploadLimits_PathsInNames_AreStoredUnderServerMadeNamesInAServerMadeFolder(string browserName, string? storedName)
    {
        var page = Upload(InputFileContent.CreateFromText("id,x\n1,2\n", browserName));

        if (storedName is null)
        {
            Assert.Contains("has no usable name", Problem(page));
            Assert.Empty(Stored());
            return;
        }
        page.WaitForAssertion(() => Assert.Single(Stored()));
        var stored = Stored().Single().Split('/');
        Assert.Equal(2, stored.Length);
        Assert.Matches("^[0-9a-f]{32}$", stored[0]);
        Assert.Equal(storedName, stored[1]);
    }
}
