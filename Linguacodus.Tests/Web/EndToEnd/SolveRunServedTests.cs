using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// A run made by <c>solve</c> into an --out folder of the analyst's, over the server's data folder, is one like any
/// other: the running web server serves its submission, notebook, script, document and zip from that folder.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SolveRunServedTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IDisposable
{
    private readonly string _out = Path.Combine(Directory.CreateTempSubdirectory("linguacodus-solve-served-").FullName, "solution");

    [Fact]
    public async Task Solve_IntoAnOutFolder_TheWebServerServesEveryDownloadFromIt()
    {
        var (exit, output, error, _) = await CliProcess.RunAsync(app.DataDirectory, "solve", Repository.Example("co2-forecast"), "--out", _out);
        Assert.True(exit == 0, error);
        using var summary = JsonDocument.Parse(output.Trim());
        var id = summary.RootElement.GetProperty("run_id").GetGuid();
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        foreach (var (artifact, file) in new[] { ("submission", "submission.csv"), ("notebook", "solution.ipynb"), ("script", "solution.py"), ("run", "run.json") })
        {
            using var response = await http.GetAsync(new Uri($"/runs/{id:N}/download/{artifact}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{artifact}: {response.StatusCode}");
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_out, file)), await response.Content.ReadAsByteArrayAsync());
        }
        using var zip = await http.GetAsync(new Uri($"/runs/{id:N}/download/zip", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Contains(archive.Entries, e => e.FullName.EndsWith("submission.csv", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_out)!, recursive: true);
}
