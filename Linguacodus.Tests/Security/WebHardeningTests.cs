using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Security;

/// <summary>
/// The real web binary, attacked over HTTP and in a real Chromium: downloads cannot leave a run's folder, come as
/// nosniff attachments, model and program text never runs as script, and the content security policy lets Blazor,
/// MudBlazor and Monaco work while refusing anything else.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class WebHardeningTests(HostileAppFixture app, ITestOutputHelper output) : IClassFixture<HostileAppFixture>
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    [Fact]
    public async Task SecurityHeaders_Page_CarryOnePolicyWithHashedImportMapAndNoFraming()
    {
        var (status, headers, body) = await RawGetAsync("/");

        Assert.Equal(200, status);
        var policy = Assert.Single(headers, h => h.Name == "content-security-policy").Value;
        Assert.Contains("default-src 'self'", policy);
        Assert.Matches("script-src 'self' 'sha256-[A-Za-z0-9+/=]+';", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy);
        Assert.Contains(headers, h => h is { Name: "x-content-type-options", Value: "nosniff" });
        Assert.Contains(headers, h => h is { Name: "x-frame-options", Value: "DENY" });
        Assert.Contains("<script type=\"importmap\">", body);
    }

    [Theory]
    [InlineData("notebook", "application/x-ipynb+json")]
    [InlineData("script", "text/x-python")]
    [InlineData("submission", "text/csv")]
    [InlineData("run", "application/json")]
    public async Task DownloadHeaders_Artifacts_AreNosniffAttachmentsNeverRendered(string artifact, string contentType)
    {
        var (status, headers, _) = await RawGetAsync($"/runs/{app.HostileRun:N}/download/{artifact}");

        Assert.Equal(200, status);
        Assert.StartsWith("attachment;", Header(headers, "content-disposition"));
        Assert.Equal("nosniff", Header(headers, "x-content-type-options"));
        Assert.StartsWith(contentType, Header(headers, "content-type"));
        Assert.Equal("default-src 'none'; sandbox", Header(headers, "content-security-policy"));
    }

    [Theory]
    [InlineData("/runs/{run}/download/../../../../etc/passwd")]
    [InlineData("/runs/{run}/download/..%2f..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/runs/{run}/download/%2e%2e%2f%2e%2e%2flinguacodus.db")]
    [InlineData("/runs/{run}/download/%2e%2e/%2e%2e/linguacodus.db")]
    [InlineData("/runs/{run}/download//etc/passwd")]
    [InlineData("/runs/{run}/download/%2fetc%2fpasswd")]
    [InlineData("/runs/{run}/download/task%2ftask.json")]
    [InlineData("/runs/{run}/download/linguacodus.db")]
    [InlineData("/runs/..%2f..%2flinguacodus.db/download/run")]
    [InlineData("/runs/%2e%2e/download/run")]
    [InlineData("/runs/{links}/download/submission")]
    [InlineData("/runs/{links}/download/run")]
    [InlineData("/runs/{links}/download/script")]
    [InlineData("/runs/{linked}/download/script")]
    public async Task ArtifactTraversal_PathsAndPlantedSymlinks_AreNotFound(string path)
    {
        var (status, _, body) = await RawGetAsync(path
            .Replace("{run}", app.HostileRun.ToString("N"))
            .Replace("{links}", app.PlantedLinks.ToString("N"))
            .Replace("{linked}", app.LinkedFolder.ToString("N")));

        Assert.True(status is 404 or 400, $"{path}: {status}");
        Assert.DoesNotContain("root:x:0:0", body);
        Assert.DoesNotContain("SQLite format", body);
        Assert.DoesNotContain("outside the data folder", body);
    }

    [Fact]
    public async Task XssModelOutput_HostileRunInChromium_ShowsPayloadsAsTextNothingRunsAndTheCspRefusesNothing()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var problems = Watch(page);

        try
        {
            await page.GotoAsync($"{app.BaseUrl}/runs/{app.HostileRun}");

            // Blazor (the circuit), MudBlazor (its chips) and Monaco (its editors) all work under the policy.
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 30_000 });
            await Expect(page.Locator(".mud-chip").First).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("() => window.monaco?.editor.getModels().some(m => m.getValue().includes('window.__xss'))", null, new() { Timeout = 30_000 });

            // Every payload is on the page as text: model text, critique, verdict, title, CSV headers, program output.
            foreach (var payload in HostileAppFixture.Payloads)
            {
                Assert.True(await page.Locator("body").Filter(new() { HasText = payload }).CountAsync() > 0, $"Not shown as text: {payload}");
            }
            Assert.Contains("<img src=x onerror=alert('header')>", await page.Locator("body").InnerTextAsync());
            await page.WaitForTimeoutAsync(500);
            Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
            Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('img[onerror], svg[onload], a[href^=\"javascript:\"]').length"));
            Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.scripts].filter(s => s.textContent.includes('__xss')).length"));
            Assert.Empty(problems);
        }
        catch
        {
            output.WriteLine("Server output:\n" + app.Log);
            throw;
        }
    }

    [Fact]
    public async Task AppCrash_InterruptedRunInChromium_SaysInterruptedAndResumesToSuccess()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var problems = Watch(page);

        try
        {
            await page.GotoAsync($"{app.BaseUrl}/runs/{app.InterruptedRun}");

            await Expect(page.Locator("[data-testid=run-interrupted]")).ToContainTextAsync("Interrupted by a server restart while running the program", new() { Timeout = 30_000 });
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("interrupted");
            await page.ClickAsync("[data-testid=resume-run]");

            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 60_000 });
            await Expect(page.Locator("[data-testid=run-interrupted]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=execution-attempt-2]")).ToContainTextAsync("resume");
            // The stages that had finished before the crash are restored from their saved state, not run again.
            await Expect(page.Locator("[data-testid=execution-log-output]")).ToContainTextAsync("restored from its saved state");
            await Expect(page.Locator("[data-testid=validation-score]")).ToContainTextAsync("0.7500");
            Assert.Empty(problems);
        }
        catch
        {
            output.WriteLine("Server output:\n" + app.Log);
            throw;
        }
    }

    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
    }

    /// <summary>Page errors, dialogs (alert is what a payload would call) and CSP refusals, as they happen.</summary>
    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Dialog += async (_, dialog) =>
        {
            problems.Add("dialog: " + dialog.Message);
            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                problems.Add("console: " + message.Text);
            }
        };
        return problems;
    }

    private static string Header(List<(string Name, string Value)> headers, string name) => headers.Single(h => h.Name == name).Value;

    /// <summary>A GET with the path sent byte for byte as given (HttpClient would normalise "..", and some escapes).</summary>
    private async Task<(int Status, List<(string Name, string Value)> Headers, string Body)> RawGetAsync(string path)
    {
        var uri = new Uri(app.BaseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {uri.Authority}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = response[..split].Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = head.Skip(1).Select(h => h.Split(':', 2)).Select(h => (h[0].Trim().ToLowerInvariant(), h[1].Trim())).ToList();
        return (status, headers, response[(split + 4)..]);
    }
}
