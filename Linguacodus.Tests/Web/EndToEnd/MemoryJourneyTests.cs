using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// The memory on the real web binary in Chromium: a solved run becomes a case, the next run of a like task shows it
/// (and the baseline engine ranks its family first), Settings lists it and serves it as training data.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class MemoryJourneyTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    [Fact]
    public Task SolvedRun_NextLikeTask_ShowsItAsSimilarAndSettingsExportsIt() => Chromium.JourneyAsync(app, output, nameof(MemoryJourneyTests), async page =>
    {
        // The first run finds nothing: the memory is empty.
        await Chromium.StartExampleAsync(page, app.BaseUrl, "breast-cancer");
        var firstRun = Guid.Parse(new Uri(page.Url).Segments[^1]);
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=similar-cases-none]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=accept-agents-choice]");
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 180_000 });
        // The downloads show once the step has settled, which is when the run is remembered.
        await Expect(page.Locator("[data-testid=download-notebook]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The same task again: the solved one is found as soon as the data is profiled.
        await Chromium.StartExampleAsync(page, app.BaseUrl, "breast-cancer");
        Assert.NotEqual(firstRun, Guid.Parse(new Uri(page.Url).Segments[^1]));
        var link = page.Locator("[data-testid=similar-cases] [data-testid=similar-case-link-1]");
        await Expect(link).ToHaveAttributeAsync("href", $"runs/{firstRun}", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=similar-case-score-1]")).ToHaveTextAsync(new Regex(@"^ROC AUC \d\.\d{4}$"));
        await Expect(page.Locator("[data-testid=similar-case-1]")).ToContainTextAsync("100% alike");
        await Expect(page.Locator("[data-testid=candidate-1]")).ToContainTextAsync("Ranked first because", new() { Timeout = 60_000 });
        await page.Locator("[data-testid=similar-cases]").ScreenshotAsync(new() { Path = Path.Combine(Chromium.ArtifactsDirectory("screenshots"), "similar-cases.png") });

        // Settings lists the case and serves it as Llama 2 fine-tuning lines.
        await page.GotoAsync(app.BaseUrl + "/settings");
        await Expect(page.Locator("[data-testid=memory-case-1]")).ToContainTextAsync("Breast Cancer Diagnosis", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=memory-case-2]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=memory-case-1] a")).ToHaveAttributeAsync("href", $"runs/{firstRun}");
        var href = await page.Locator("[data-testid=memory-export]").GetAttributeAsync("href");
        var export = await page.APIRequest.GetAsync($"{app.BaseUrl}/{href}");
        Assert.Equal(200, export.Status);
        Assert.StartsWith("application/x-ndjson", export.Headers["content-type"]);
        Assert.StartsWith("attachment; filename=linguacodus-training.jsonl", export.Headers["content-disposition"]);
        Assert.Equal("nosniff", export.Headers["x-content-type-options"]);
        var lines = (await export.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            using var json = JsonDocument.Parse(line);
            Assert.StartsWith("[INST]", json.RootElement.GetProperty("prompt").GetString());
            Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("completion").GetString()));
            Assert.Equal(firstRun, json.RootElement.GetProperty("run_id").GetGuid());
        });
        // A least score no case reaches leaves nothing to train on.
        var none = await page.APIRequest.GetAsync($"{app.BaseUrl}/memory/training.jsonl?minScore=1.5");
        Assert.Equal(200, none.Status);
        Assert.Equal("", await none.TextAsync());
    });

    [Theory]
    [InlineData("high")]
    [InlineData("0,9")]
    [InlineData("NaN")]
    public async Task TrainingExport_MinScoreNotANumber_Answers400WithAPlainMessage(string minScore)
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync($"{app.BaseUrl}/memory/training.jsonl?minScore={Uri.EscapeDataString(minScore)}");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("minScore must be a number", await response.Content.ReadAsStringAsync());
    }
}
