using System.IO.Compression;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// The analyst's workbench in a real Chromium against the real web binary and real sandboxed Python: the verdict's
/// diff, an edited candidate, a stage edited to save a plot and run with Ctrl+Enter, the plot inline, the attempt
/// diff, Escape to stop, the whole-run zip, and the history's "try again" and delete.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class WorkbenchFlowTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    private const string PlotCode = "\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.savefig('plot.png')\nprint('plot saved')\n";

    private static readonly string[] ZipEntries =
    [
        "task/task.json", "task/train.csv", "profile.json", "instructions/candidate-1.md", "instructions/verdict.md",
        "instructions/chosen.md", "code/4-submission.py", "logs/attempt-1.log", "logs/attempt-2.log",
        "run.json", "solution.ipynb", "solution.py", "submission.csv",
    ];

    [Fact]
    public async Task Workbench_EditPlanPlotDiffZipDuplicateDelete_AllWorkInTheBrowser()
    {
        await Chromium.JourneyAsync(app, output, nameof(WorkbenchFlowTests), async page =>
        {
            await Chromium.StartExampleAsync(page, app.BaseUrl, "breast-cancer");
            var runUrl = page.Url;
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });

            // The verdict, as a diff of the candidate it improved: marked insertions, text only.
            await page.ClickAsync("[data-testid=agents-verdict-show-diff]");
            await Expect(page.Locator("[data-testid=agents-verdict-diff] ins").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=agents-verdict-diff-summary]")).ToContainTextAsync("words");

            // Candidate 1, edited in place, then chosen.
            await page.ClickAsync("[data-testid=edit-candidate-1]");
            var editor = page.Locator("[data-testid=candidate-editor-1]");
            var edited = await editor.InputValueAsync() + "\n- Print the number of training rows.";
            await editor.FillAsync(edited);
            await page.ClickAsync("[data-testid=choose-edited-candidate-1]");
            await Expect(page.Locator("[data-testid=candidate-1]")).ToContainTextAsync("chosen, edited");
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 180_000 });

            // A stage edited to save a plot, run with Ctrl+Enter from inside the editor.
            await page.WaitForFunctionAsync("() => window.monaco?.editor.getModel(monaco.Uri.parse('inmemory://linguacodus/code-submission.py'))?.getValue().length > 0");
            await page.EvaluateAsync(
                "code => { const m = monaco.editor.getModel(monaco.Uri.parse('inmemory://linguacodus/code-submission.py')); m.setValue(m.getValue() + code); }",
                PlotCode);
            await page.FocusAsync("[data-testid=code-stage-submission] textarea.inputarea");
            await page.Keyboard.PressAsync("Control+Enter");
            await Expect(page.Locator("[data-testid=execution-attempt-2]")).ToContainTextAsync("edit", new() { Timeout = 30_000 });
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 180_000 });
            await Expect(page.Locator("[data-testid=execution-log-output]")).ToContainTextAsync("plot saved");

            // The plot, inline beside the program's validation pictures, served by the run's image endpoint and really
            // decoded by the browser.
            var plot = page.Locator("[data-testid=execution-plot][alt=\"plot.png\"]");
            await Expect(plot).ToHaveCountAsync(1, new() { Timeout = 10_000 });
            await Expect(page.Locator("[data-testid=execution-plot][alt^=validation_]")).Not.ToHaveCountAsync(0);
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=execution-plot][alt=\"plot.png\"]')?.naturalWidth > 0");
            var image = await page.APIRequest.GetAsync(app.BaseUrl + await plot.GetAttributeAsync("src"));
            Assert.Equal(200, image.Status);
            Assert.Equal("image/png", image.Headers["content-type"]);
            Assert.Equal("nosniff", image.Headers["x-content-type-options"]);
            Assert.Equal(404, (await page.APIRequest.GetAsync(runUrl + "/plots/..%2Frun.json")).Status);
            Assert.Equal(404, (await page.APIRequest.GetAsync(runUrl + "/plots/train.csv")).Status);

            // What changed between run 1 and run 2, in a read-only Monaco diff editor.
            await page.ClickAsync("[data-testid=execution-attempt-diff-toggle]");
            await Expect(page.Locator("[data-testid=execution-attempt-diff] .monaco-diff-editor")).ToBeVisibleAsync(new() { Timeout = 10_000 });
            var modified = await page.EvaluateAsync<string>("() => monaco.editor.getModel(monaco.Uri.parse('inmemory://linguacodus/attempt-diff-modified.py'))?.getValue() ?? ''");
            var original = await page.EvaluateAsync<string>("() => monaco.editor.getModel(monaco.Uri.parse('inmemory://linguacodus/attempt-diff-original.py'))?.getValue() ?? ''");
            Assert.Contains("plt.savefig('plot.png')", modified);
            Assert.DoesNotContain("plt.savefig", original);

            // The whole run as one zip.
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-zip]"));
            Assert.Null(await download.FailureAsync());
            using (var zip = ZipFile.OpenRead(await download.PathAsync()))
            {
                var names = zip.Entries.Select(e => e.FullName).ToHashSet();
                Assert.Empty(ZipEntries.Except(names));
                using var chosen = new StreamReader(zip.GetEntry("instructions/chosen.md")!.Open());
                Assert.Contains("Print the number of training rows.", await chosen.ReadToEndAsync());
            }

            // Ctrl+Enter from the page runs the code again; Escape stops it.
            await page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 300 } });
            await page.Keyboard.PressAsync("Control+Enter");
            await Expect(page.Locator("[data-testid=execution-attempt-3]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.Locator("[data-testid=stop-run]")).ToBeEnabledAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("stopped", new() { Timeout = 30_000 });

            // The history: try the plan again with candidate 2 (a new run, no planning), then delete that new run.
            await page.ClickAsync("[data-testid=nav-history]");
            await Expect(page.Locator("[data-testid=history-run]")).ToHaveCountAsync(1);
            await page.ClickAsync("[data-testid=history-duplicate-1]");
            await page.ClickAsync("[data-testid=history-duplicate-1-choice-2]");
            await page.WaitForURLAsync(url => url.Contains("/runs/", StringComparison.Ordinal) && url != runUrl);
            await Expect(page.Locator("[data-testid=candidate-2]")).ToContainTextAsync("chosen", new() { Timeout = 30_000 });
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync(new Regex("^(succeeded|failed)$"), new() { Timeout = 180_000 });
            var copyUrl = page.Url;
            Assert.NotEqual(runUrl, copyUrl);
            await page.ClickAsync("[data-testid=nav-history]");
            await Expect(page.Locator("[data-testid=history-run]")).ToHaveCountAsync(2);
            Assert.EndsWith(await page.Locator("[data-testid=history-run]").First.GetAttributeAsync("href") ?? "", copyUrl, StringComparison.Ordinal);
            await page.ClickAsync("[data-testid=history-delete-1]");
            await page.ClickAsync("[data-testid=history-delete-yes-1]");
            await Expect(page.Locator("[data-testid=history-run]")).ToHaveCountAsync(1);
            Assert.EndsWith(await page.Locator("[data-testid=history-run]").First.GetAttributeAsync("href") ?? "", runUrl, StringComparison.Ordinal);
            Assert.Equal(404, (await page.APIRequest.GetAsync(copyUrl + "/download/run")).Status);
        });
    }
}
