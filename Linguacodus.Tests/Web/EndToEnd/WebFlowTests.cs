using System.Globalization;
using System.Text.Json;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// The analyst's whole journey in a real Chromium against the real web binary, a real sandboxed Python run included.
/// Monaco's text is read through Monaco's public API (<c>monaco.editor.getModels()</c>): CodeEditor gives each
/// editor's model the URI <c>inmemory://linguacodus/{editor id}.py</c>, so each stage's text can be found by name.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class WebFlowTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    private static readonly string[] Stages = ["preprocessing", "architecture", "training", "submission"];

    [Fact]
    public async Task NewTaskToDownloads_BreastCancerExampleCandidate2_SucceedsWithValidSubmissionAndNotebook()
    {
        await Chromium.JourneyAsync(app, output, nameof(NewTaskToDownloads_BreastCancerExampleCandidate2_SucceedsWithValidSubmissionAndNotebook), async page =>
        {
            // The form, filled from the example.
            await Chromium.PickExampleAsync(page, app.BaseUrl, "breast-cancer");
            await Expect(page.Locator("[data-testid=task-title]")).ToHaveValueAsync("Breast Cancer Diagnosis from Cell Nuclei Measurements");
            await Expect(page.Locator("[data-testid=task-metric]")).ToHaveValueAsync("roc");
            await page.ClickAsync("[data-testid=start-run]");
            await page.WaitForURLAsync("**/runs/*");

            // Three candidates and the agents' verdict, then the analyst's own choice.
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });
            // The class whose probability is submitted, and where it was read.
            await Expect(page.Locator("[data-testid=profile-positive-class]")).ToHaveTextAsync("1");
            await Expect(page.Locator("[data-testid=profile-positive-class]")).ToHaveAttributeAsync("title", "Found from the task text \"probability that the mass is malignant (diagnosis = 1)\".");
            for (var index = 1; index <= 3; index++)
            {
                await Expect(page.Locator($"[data-testid=candidate-{index}]")).ToContainTextAsync("Model Architecture");
            }
            await Expect(page.Locator("[data-testid=agents-verdict]")).ToHaveAttributeAsync("data-chosen-index", new System.Text.RegularExpressions.Regex("^[123]$"));
            await Expect(page.Locator("[data-testid=agents-verdict]")).ToContainTextAsync("Improved instruction");
            await page.ClickAsync("[data-testid=choose-candidate-2]");
            await Expect(page.Locator("[data-testid=candidate-2]")).ToContainTextAsync("chosen");

            // The code is written, run in the sandbox, and scored.
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 180_000 });
            await page.WaitForFunctionAsync(
                """stages => stages.every(s => window.monaco?.editor.getModel(monaco.Uri.parse(`inmemory://linguacodus/code-${s}.py`))?.getValue().trim().length > 0)""",
                Stages, new() { Timeout = 10_000 });
            foreach (var stage in Stages)
            {
                await Expect(page.Locator($"[data-testid=code-stage-{stage}] .view-lines")).Not.ToBeEmptyAsync();
            }
            await Expect(page.Locator("[data-testid=validation-score] .lc-score-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\.\d{4}$"));
            await Expect(page.Locator("[data-testid=execution-log]")).ToContainTextAsync("LINGUACODUS_VALIDATION");

            // The submission: the sample's header and ids, a probability per test row.
            var submission = (await DownloadAsync(page, "download-submission")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("id,diagnosis", submission[0].Trim());
            Assert.Equal(143, submission.Length - 1);
            var expectedIds = File.ReadLines(Path.Combine(Repository.Example("breast-cancer"), "test.csv")).Skip(1).Select(l => l.Split(',')[0]).Order();
            Assert.Equal(expectedIds, submission.Skip(1).Select(r => r.Split(',')[0]).Order());
            Assert.All(submission.Skip(1), row =>
            {
                var probability = double.Parse(row.Split(',')[1], NumberStyles.Float, CultureInfo.InvariantCulture);
                Assert.InRange(probability, 0.0, 1.0);
            });

            // The notebook: nbformat 4, the instruction and one cell per stage.
            using var notebook = JsonDocument.Parse(await DownloadAsync(page, "download-notebook"));
            Assert.Equal(4, notebook.RootElement.GetProperty("nbformat").GetInt32());
            var cells = notebook.RootElement.GetProperty("cells");
            Assert.Equal(5, cells.GetArrayLength());
            Assert.Equal("markdown", cells[0].GetProperty("cell_type").GetString());
            Assert.All(cells.EnumerateArray().Skip(1), cell => Assert.Equal("code", cell.GetProperty("cell_type").GetString()));

            Assert.Contains("import", await DownloadAsync(page, "download-script"));

            // The analyst edits a stage in Monaco and runs the program again.
            await page.FocusAsync("[data-testid=code-stage-submission] textarea.inputarea");
            await page.Keyboard.PressAsync("Control+End");
            await page.Keyboard.TypeAsync("\nprint('edited by the analyst')");
            await page.ClickAsync("[data-testid=run-code]");
            await Expect(page.Locator("[data-testid=execution-attempt-2]")).ToContainTextAsync("edit", new() { Timeout = 30_000 });
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 180_000 });
            await Expect(page.Locator("[data-testid=execution-log-output]")).ToContainTextAsync("edited by the analyst");
        });
    }

    [Fact]
    public async Task CompareByScore_DiabetesExample_RunsEveryCandidateAndPromotesTheBest()
    {
        await Chromium.JourneyAsync(app, output, nameof(CompareByScore_DiabetesExample_RunsEveryCandidateAndPromotesTheBest), async page =>
        {
            await Chromium.OpenNewTaskAsync(page, app.BaseUrl);
            await page.ClickAsync("[data-testid=example-diabetes-progression]");
            await page.ClickAsync("[data-testid=start-run]");
            await page.WaitForURLAsync("**/runs/*");
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });

            await page.ClickAsync("[data-testid=compare-candidates]");

            // Every candidate's program runs (within the sandbox slots) and is scored beside the agents' pick.
            var scores = new List<double>();
            for (var candidate = 1; candidate <= 3; candidate++)
            {
                await Expect(page.Locator($"[data-testid=branch-status-{candidate}]")).ToHaveTextAsync("succeeded", new() { Timeout = 240_000 });
                scores.Add(double.Parse(await page.Locator($"[data-testid=branch-score-{candidate}]").InnerTextAsync(), CultureInfo.InvariantCulture));
            }
            var best = scores.IndexOf(scores.Min()) + 1;
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 30_000 });
            await Expect(page.Locator($"[data-testid=branch-{best}]")).ToContainTextAsync("best score");
            await Expect(page.Locator("[data-testid=run-message]")).ToContainTextAsync($"candidate {best} scores best");
            // Their validation diagnostics side by side: the same pictures for each candidate, each served and decoded.
            for (var candidate = 1; candidate <= 3; candidate++)
            {
                Assert.True(await page.Locator($"[data-testid=branch-diagnostics] [data-testid=branch-plot-{candidate}]").CountAsync() >= 2);
            }
            await Expect(page.Locator("[data-testid=branch-diagnostics]")).ToContainTextAsync("predicted vs actual");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=branch-diagnostics] img')].every(i => i.complete && i.naturalWidth > 0)");
            await page.Locator("[data-testid=run-branches]").ScreenshotAsync(new() { Path = Path.Combine(Chromium.ArtifactsDirectory("screenshots"), "branch-diagnostics.png") });

            await page.ClickAsync($"[data-testid=promote-branch-{best}]");

            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 30_000 });
            await Expect(page.Locator($"[data-testid=promote-branch-{best}]")).ToHaveTextAsync("Promoted");
            await Expect(page.Locator("[data-testid=validation-score] .lc-score-value")).ToHaveTextAsync(scores.Min().ToString("0.0000", CultureInfo.InvariantCulture));
            var submission = await DownloadAsync(page, "download-submission");
            Assert.StartsWith("id,", submission);
            // The promoted branch's pictures are the run's.
            await Expect(page.Locator("[data-testid=execution-plot][alt=\"validation_residuals.png\"]")).ToHaveCountAsync(1);
            // History shows the run's score against the naive score of its validation rows, which the model beats.
            var runUrl = page.Url;
            await page.GotoAsync(app.BaseUrl + "/runs");
            var runId = Guid.Parse(new Uri(runUrl).Segments[^1]);
            var bar = page.Locator($"tr:has(a[href$='runs/{runId:D}']) [data-testid=history-score-bar]");
            await Expect(bar).ToHaveAttributeAsync("data-beats-naive", "true");
            await Expect(bar).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("naive .*lower is better"));
        });
    }

    private static async Task<string> DownloadAsync(IPage page, string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"[data-testid={testId}]"));
        Assert.Null(await download.FailureAsync());
        return await File.ReadAllTextAsync(await download.PathAsync());
    }

}
