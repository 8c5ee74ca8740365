using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// The data at a glance on real example runs in Chromium, before any model runs: the target's distribution with the
/// positive class marked, gaps per column, a picture per column, a series with its forecast period, labelled images.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DataGlanceTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    [Fact]
    public Task BinaryTask_ShowsClassCountsWithThePositiveClassAndAPicturePerColumn() => Chromium.JourneyAsync(app, output, $"{nameof(DataGlanceTests)}-binary", async page =>
    {
        await Chromium.StartExampleAsync(page, app.BaseUrl, "breast-cancer");

        var target = page.Locator("[data-testid=glance-target-bars] .lc-barlist-row");
        await Expect(target).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=glance-target-bars] .lc-barlist-marked")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=glance-target]")).ToContainTextAsync("is the positive class");
        await Expect(page.Locator("[data-testid=glance-missing-bars]")).ToContainTextAsync("mean_concavity");
        // Every feature of this table is a measurement: each has a histogram of its own.
        var charts = page.Locator("[data-testid^=column-chart-]");
        Assert.True(await charts.CountAsync() >= 30);
        Assert.True(await page.Locator("[data-testid=column-chart-mean_radius] rect").CountAsync() >= 10);
        await SaveAsync(page, "data-glance-binary");
    });

    [Fact]
    public Task Forecast_DrawsTheSeriesAndShadesThePeriodToForecast() => Chromium.JourneyAsync(app, output, $"{nameof(DataGlanceTests)}-series", async page =>
    {
        await Chromium.StartExampleAsync(page, app.BaseUrl, "co2-forecast");

        await Expect(page.Locator("[data-testid=glance-series-line] polyline").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // Blank weeks break the line; all its pieces together draw the series.
        var points = await page.Locator("[data-testid=glance-series-line] polyline").EvaluateAllAsync<int>("lines => lines.reduce((n, l) => n + l.points.numberOfItems, 0)");
        Assert.True(points > 100, $"{points} points drawn");
        await Expect(page.Locator("[data-testid=glance-series-test]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=glance-target-histogram] rect").First).ToBeAttachedAsync();
        await Expect(page.Locator("[data-testid=glance-missing-bars]")).ToContainTextAsync("co2");
        await SaveAsync(page, "data-glance-series");
    });

    [Fact]
    public Task ImageTask_ShowsLabelledTrainingImages() => Chromium.JourneyAsync(app, output, $"{nameof(DataGlanceTests)}-images", async page =>
    {
        await Chromium.StartExampleAsync(page, app.BaseUrl, "digit-images");

        var images = page.Locator("[data-testid=glance-image]");
        await Expect(images).ToHaveCountAsync(12, new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=glance-images] .lc-sample figcaption").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]$"));
        // Loaded and decoded by the browser, so the served bytes are a real image.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=glance-image]')].every(i => i.complete && i.naturalWidth > 0)");
        using var http = new HttpClient();
        var sample = await page.Locator("[data-testid=glance-image]").First.GetAttributeAsync("src");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(app.BaseUrl + sample!.Replace("/samples/0", "/samples/12"))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(app.BaseUrl + sample.Replace("/samples/0", "/samples/-1"))).StatusCode);
        await SaveAsync(page, "data-glance-images");
    });

    /// <summary>The data panel alone, for the README.</summary>
    private async Task SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Chromium.ArtifactsDirectory("screenshots"), name + ".png");
        await page.Locator("[data-testid=data-profile]").ScreenshotAsync(new() { Path = path });
        output.WriteLine($"Screenshot: {path}");
    }
}
