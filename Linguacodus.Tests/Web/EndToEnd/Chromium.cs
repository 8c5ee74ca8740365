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
