using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>Debian's Chromium, headless, as every end-to-end test drives it; and the screenshots they leave.</summary>
internal static class Chromium
{
    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = Args });

    /// <summary>The folder for what a test leaves behind: screenshots, measurements.</summary>
    public static string ArtifactsDirectory(string kind) =>
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", kind)).FullName;

    /// <summary>
    /// Runs a journey on a fresh page of the app (downloads allowed), then checks the page threw no script error; on
    /// failure it writes the server's log to the test output; either way it leaves a screenshot of the final page.
    /// </summary>
    public static async Task JourneyAsync(WebAppFixture app, ITestOutputHelper output, string name, Func<IPage, Task> journey)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { AcceptDownloads = true, ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        try
        {
            await journey(page);
            Assert.Empty(pageErrors);
        }
        catch
        {
            output.WriteLine("Server output:\n" + app.Log);
            throw;
        }
        finally
        {
            await ScreenshotAsync(page, name, output);
        }
    }

    /// <summary>
    /// Opens the new-task page once its file inputs listen: Blazor's InputFile marks its element when its script has
    /// attached, and files set before that would be dropped without a word.
    /// </summary>
    public static async Task OpenNewTaskAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/");
        await page.WaitForFunctionAsync(
            "() => { const inputs = [...document.querySelectorAll('input[type=file]')]; return inputs.length > 0 && inputs.every(i => i._blazorInputFileNextFileId !== undefined); }");
    }

    /// <summary>Opens the new-task page, picks an example and starts it.</summary>
    public static async Task StartExampleAsync(IPage page, string baseUrl, string example)
    {
        await PickExampleAsync(page, baseUrl, example);
        await page.ClickAsync("[data-testid=start-run]");
        await page.WaitForURLAsync("**/runs/*");
    }

    /// <summary>
    /// Opens the new-task page and picks an example. The pick is pressed again when the page has not taken it (a press
    /// that came while the page's circuit was still starting), so nothing after it goes without the example.
    /// </summary>
    public static async Task PickExampleAsync(IPage page, string baseUrl, string example)
    {
        await OpenNewTaskAsync(page, baseUrl);
        var picked = page.Locator("[data-testid=task-example]");
        for (var press = 1; ; press++)
        {
            await page.ClickAsync($"[data-testid=example-{example}]");
            try
            {
                await Assertions.Expect(picked).ToContainTextAsync(example, new() { Timeout = 5_000 });
                break;
            }
            catch (PlaywrightException) when (press < 3)
            {
            }
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(ArtifactsDirectory("screenshots"), $"{name}.png");
        try
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            output.WriteLine($"Screenshot: {path}");
        }
        catch (PlaywrightException error)
        {
            output.WriteLine($"No screenshot ({error.Message})");
        }
    }
}
