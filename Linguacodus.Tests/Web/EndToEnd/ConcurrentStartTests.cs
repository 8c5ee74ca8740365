using System.Text.RegularExpressions;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// Several analysts on a freshly started server, each in a browser context of their own, choose their files and
/// press Start at once, before the files are taken in: every one of them must get a run. The server is this class's
/// own, so nothing has warmed it up.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ConcurrentStartTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    private const int Analysts = 4;

    private static readonly string[] DataFiles = ["train.csv", "test.csv", "sample_submission.csv"];

    /// <summary>Any state a run reaches once it has started: planning, waiting for a choice, or done.</summary>
    private static readonly Regex Started = new("^(running|awaiting choice|succeeded|failed)$");

    [Fact]
    public async Task StartAtOnce_FourAnalystsChooseFilesAndPressStartImmediately_EveryRunStarts()
    {
        var example = Repository.Example("breast-cancer");
        FilePayload[] files =
        [
            .. DataFiles.Select(name =>
                new FilePayload { Name = name, MimeType = "text/csv", Buffer = File.ReadAllBytes(Path.Combine(example, name)) }),
        ];
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var contexts = new List<IBrowserContext>();
        var pages = new List<IPage>();
        var pageErrors = new List<string>();
        try
        {
            for (var analyst = 1; analyst <= Analysts; analyst++)
            {
                var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
                contexts.Add(context);
                var page = await context.NewPageAsync();
                page.PageError += (_, error) =>
                {
                    lock (pageErrors)
                    {
                        pageErrors.Add(error);
                    }
                };
                pages.Add(page);
            }
            // Every form is filled first, so the files and the Start press are what all of them do at the same moment.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Task.WhenAll(pages.Select((page, index) => FillFormAsync(page, $"Diagnosis, analyst {index + 1}")));
            output.WriteLine($"Forms filled after {clock.Elapsed.TotalSeconds:0.0} s");
            clock.Restart();

            await Task.WhenAll(pages.Select(async page =>
            {
                await page.SetInputFilesAsync("[data-testid=task-files]", files);
                // The press lands at once, as an analyst's does, not when the button next looks ready (as ClickAsync
                // would wait for), and on the button wherever the arriving file list has moved it.
                await page.Locator("[data-testid=start-run]").DispatchEventAsync("click");
            }));
            output.WriteLine($"Files chosen and Start pressed on every page after {clock.Elapsed.TotalSeconds:0.0} s");
            clock.Restart();
            await Task.WhenAll(pages.Select(async page =>
            {
                await Expect(page).ToHaveURLAsync(new Regex("/runs/[0-9a-f-]{36}$"), new() { Timeout = 60_000 });
                await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync(Started, new() { Timeout = 60_000 });
            }));
            output.WriteLine($"Every run started {clock.Elapsed.TotalSeconds:0.0} s after Start");
            Assert.Equal(Analysts, pages.Select(p => p.Url).Distinct().Count());
            Assert.Empty(pageErrors);
        }
        catch
        {
            output.WriteLine("Server output:\n" + app.Log);
            foreach (var page in pages)
            {
                output.WriteLine($"{page.Url}: {await page.Locator("[data-testid=start-run]").AllInnerTextsAsync().ContinueWith(t => string.Join(" ", t.IsCompletedSuccessfully ? t.Result : []), TaskScheduler.Default)}"
                    + $" | {string.Join(" | ", await page.Locator(".mud-alert").AllInnerTextsAsync())}");
            }
            for (var index = 0; index < pages.Count; index++)
            {
                await Chromium.ScreenshotAsync(pages[index], $"{nameof(ConcurrentStartTests)}-analyst-{index + 1}", output);
            }
            throw;
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    private async Task FillFormAsync(IPage page, string title)
    {
        await Chromium.OpenNewTaskAsync(page, app.BaseUrl);
        await page.FillAsync("[data-testid=task-title]", title);
        await page.FillAsync("[data-testid=task-description]", "Predict whether a breast mass is malignant from measurements of its cell nuclei.");
        await page.FillAsync("[data-testid=task-data-type]", "tabular");
        await page.FillAsync("[data-testid=task-metric]", "roc");
        // The last field is bound on change: leave it, so its value is on the server before the files are chosen.
        await page.Locator("[data-testid=task-metric]").BlurAsync();
        await Expect(page.Locator("[data-testid=start-run]")).ToBeEnabledAsync();
    }
}
