using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// A whole run of the LLM engine on a local model, watched live in Chromium: the three candidates, the agents'
/// critique and verdict, the four stage blocks and each execution attempt appear as they are made. The tiny model
/// writes nonsense, so the run cannot succeed; it must end cleanly with every step on the page.
/// </summary>
[Trait("Category", "EndToEnd")]
[Trait("Category", "RequiresModel")]
public sealed class LocalModelRunTests(LocalModelAppFixture app, ITestOutputHelper output) : IClassFixture<LocalModelAppFixture>
{
    private static readonly string[] Stages = ["preprocessing", "architecture", "training", "submission"];

    [Fact]
    public async Task LlmRun_TinyLocalModel_ShowsEveryStepLiveAndEndsCleanly()
    {
        await Chromium.JourneyAsync(app, output, nameof(LlmRun_TinyLocalModel_ShowsEveryStepLiveAndEndsCleanly), async page =>
        {
            await Chromium.StartExampleAsync(page, app.BaseUrl, "breast-cancer");
            await Expect(page.Locator("[data-testid=run-engine]")).ToContainTextAsync("llm:local");

            // The plan: three candidates from the model, the researcher's critique and the resolver's verdict.
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 300_000 });
            for (var index = 1; index <= 3; index++)
            {
                await Expect(page.Locator($"[data-testid=candidate-{index}]")).ToContainTextAsync("Model Training");
            }
            await Expect(page.Locator("[data-testid=agents-verdict]")).ToHaveAttributeAsync("data-chosen-index", new System.Text.RegularExpressions.Regex("^[123]$"));
            await Expect(page.Locator("[data-testid=run-timings]")).ToContainTextAsync("tok/s");

            // The code, stage by stage, then the program and its one fix.
            await page.ClickAsync("[data-testid=accept-agents-choice]");
            // All four blocks are written before the program first runs (the fix may rewrite them afterwards).
            await page.WaitForFunctionAsync(
                """stages => stages.every(s => window.monaco?.editor.getModel(monaco.Uri.parse(`inmemory://linguacodus/code-${s}.py`))?.getValue().trim().length > 0)""",
                Stages, new() { Timeout = 180_000, PollingInterval = 100 });
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(failed|succeeded)$"), new() { Timeout = 240_000 });
            await Expect(page.Locator("[data-testid=execution-attempt-1]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=execution-attempt-2]")).ToContainTextAsync("fix");
            await Expect(page.Locator("[data-testid=run-timings]")).ToContainTextAsync("fixes");
            await Expect(page.Locator("[data-testid=run-message]")).Not.ToBeEmptyAsync();
            output.WriteLine($"{await page.Locator("[data-testid=run-message]").InnerTextAsync()}\n{await page.Locator("[data-testid=run-timings]").InnerTextAsync()}");
        });
    }
}
