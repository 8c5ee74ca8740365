using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// Tasks of every shape in a real Chromium against the real web binary and real sandboxed Python: what the run
/// assumed is on the page, and a correction starts the task again with it.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TaskShapeJourneyTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    [Fact]
    public Task CorrectAssumptions_AnotherTarget_StartsANewRunThatPredictsIt() => InBrowserAsync(nameof(CorrectAssumptions_AnotherTarget_StartsANewRunThatPredictsIt), async page =>
    {
        await StartExampleAsync(page, "diabetes-progression");
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });
        var firstRun = page.Url;
        await Expect(page.Locator("[data-testid=profile-target]")).ToHaveTextAsync("progression");

        await page.ClickAsync("[data-testid=correct-assumptions]");
        await page.FillAsync("[data-testid=assumption-targets]", "bmi");
        await page.ClickAsync("[data-testid=apply-corrections]");

        await page.WaitForURLAsync(url => url != firstRun && url.Contains("/runs/", StringComparison.Ordinal));
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=profile-target]")).ToHaveTextAsync("bmi");
        await Expect(page.Locator("[data-testid=profile-target]")).ToHaveAttributeAsync("title", "found from the analyst's choice");
    });

    [Theory]
    [InlineData("wine-alcohol-imputation", "data-file-role-data.csv", "data file with blanks to fill")]
    [InlineData("travel-mode-choice", "data-file-role-trips.csv", "related table")]
    [InlineData("candidate-placement", "profile-targets", "clinton_placement, dole_placement")]
    [InlineData("seattle-weather", "profile-modality", "time series")]
    [InlineData("wine-cultivar", "profile-positive-class", "barolo")]
    public Task Example_OfEachShape_ShowsWhatWasAssumedAndSucceeds(string example, string testId, string shown) => InBrowserAsync($"{nameof(Example_OfEachShape_ShowsWhatWasAssumedAndSucceeds)}-{example}", async page =>
    {
        await StartExampleAsync(page, example);
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });
        await Expect(page.Locator($"[data-testid='{testId}']")).ToContainTextAsync(shown);

        await page.ClickAsync("[data-testid=accept-agents-choice]");

        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 240_000 });
        await Expect(page.Locator("[data-testid=download-submission]")).ToBeVisibleAsync();
    });

    private Task InBrowserAsync(string name, Func<IPage, Task> journey) =>
        Chromium.JourneyAsync(app, output, $"{nameof(TaskShapeJourneyTests)}-{name}", journey);

    private Task StartExampleAsync(IPage page, string example) => Chromium.StartExampleAsync(page, app.BaseUrl, example);
}
