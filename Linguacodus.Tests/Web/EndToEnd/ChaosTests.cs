using System.Net;
using System.Text.RegularExpressions;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// The real server over one data folder, killed with SIGKILL at seeded random points of a run (planning, the program
/// running, a comparison of the candidates, saving) round after round; between rounds a run folder is deleted and a
/// stored document truncated. After every restart the server answers, the SQLite file is whole, every run that was
/// started is listed and none claims to be running, no sandbox process outlived its server, and at the end an
/// interrupted run resumes to a submission.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class ChaosTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 5;
    private const string Example = "diabetes-progression";
    private static readonly Regex RunUrl = new("/runs/([0-9a-f-]{36})$");

    private readonly string _data = Directory.CreateTempSubdirectory("linguacodus-chaos-").FullName;
    private readonly List<Guid> _runs = [];

    [Fact]
    public async Task KillMinusNine_AtSeededRandomPoints_EveryRestartIsWholeTrueAndResumable()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LINGUACODUS_CHAOS_SEED"), out var given) ? given : Random.Shared.Next();
        output.WriteLine($"Seed {seed} (LINGUACODUS_CHAOS_SEED={seed} repeats these kill points)");
        var random = new Random(seed);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        Guid? gone = null, damaged = null;
        for (var round = 1; round <= Rounds; round++)
        {
            await WithServerAsync(browser, gone, damaged, async (app, page) =>
            {
                // The first round's kill lands while the program runs, so there is always an interrupted run to resume.
                var point = round == 1 ? KillPoint.Program : (KillPoint)random.Next(3);
                var delay = TimeSpan.FromMilliseconds(round == 1 ? 0 : random.Next(point == KillPoint.Planning ? 1_500 : 8_000));
                output.WriteLine($"Round {round}: kill {delay.TotalMilliseconds:0} ms into {point}");
                await Chromium.StartExampleAsync(page, app.BaseUrl, Example);
                _runs.Add(Guid.Parse(RunUrl.Match(page.Url).Groups[1].Value));
                await ReachAsync(page, point);
                await Task.Delay(delay);
                await app.KillAsync();
                await NoSandboxLeftAsync();
            });
            // Between rounds, what a careless cleanup or a torn write does to the stored runs.
            if (round == 2)
            {
                gone = _runs[^1];
                Directory.Delete(new RunFolders(_data).For(gone.Value).Root, recursive: true);
            }
            if (round == 3)
            {
                damaged = _runs[^1];
                TruncateDocument(damaged.Value);
            }
        }

        await WithServerAsync(browser, gone, damaged, async (app, page) =>
        {
            await page.GotoAsync($"{app.BaseUrl}/runs/{_runs[0]}");
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("interrupted", new() { Timeout = 30_000 });
            await page.ClickAsync("[data-testid=resume-run]");
            await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 480_000 });
            await Expect(page.Locator("[data-testid=download-submission]")).ToBeVisibleAsync();
        });
    }

    private enum KillPoint
    {
        Planning,
        Program,
        Comparison,
    }

    /// <summary>Starts the server over the chaos data folder, checks what it shows after the last kill, then does the round's work.</summary>
    private async Task WithServerAsync(IBrowser browser, Guid? gone, Guid? damaged, Func<WebAppFixture, IPage, Task> work)
    {
        var app = new WebAppFixture(_data);
        await app.InitializeAsync();
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        try
        {
            using (var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) })
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/runs", UriKind.Relative))).StatusCode);
            }
            Assert.Equal("ok", Database.IntegrityCheck(Path.Combine(_data, LinguacodusDbContext.FileName)));
            await page.GotoAsync(app.BaseUrl + "/runs");
            if (_runs.Count == 0)
            {
                await Expect(page.Locator("[data-testid=history-empty]")).ToBeVisibleAsync();
            }
            else
            {
                await Expect(page.Locator("[data-testid^=history-row-]")).ToHaveCountAsync(_runs.Count);
                // A run only this server could be working on reads "running" only if it really is: none is, yet.
                foreach (var status in await page.Locator("[data-testid^=history-status-]").AllInnerTextsAsync())
                {
                    Assert.Matches("^(awaiting choice|interrupted|succeeded|failed|stopped)$", status);
                }
            }
            foreach (var (id, problem) in new[] { (gone, "files are missing"), (damaged, "cannot be read") })
            {
                if (id is not null)
                {
                    await page.GotoAsync($"{app.BaseUrl}/runs/{id}");
                    await Expect(page.Locator("[data-testid=run-problem]")).ToContainTextAsync(problem);
                }
            }
            await work(app, page);
        }
        catch
        {
            output.WriteLine("Server output:\n" + app.Log);
            await Chromium.ScreenshotAsync(page, nameof(ChaosTests), output);
            throw;
        }
        finally
        {
            await context.DisposeAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Takes the run to the step the kill should land in.</summary>
    private static async Task ReachAsync(IPage page, KillPoint point)
    {
        if (point == KillPoint.Planning)
        {
            return;
        }
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 120_000 });
        if (point == KillPoint.Comparison)
        {
            await page.ClickAsync("[data-testid=compare-candidates]");
            return;
        }
        await page.ClickAsync("[data-testid=accept-agents-choice]");
        await Expect(page.Locator("[data-testid=execution-log-output]")).Not.ToBeEmptyAsync(new() { Timeout = 120_000 });
    }

    /// <summary>
    /// Waits for the kernel to end every sandbox of this data folder (bubblewrap dies with its parent); only the
    /// limit is a wait, the check itself looks at /proc.
    /// </summary>
    private async Task NoSandboxLeftAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (SandboxProcesses() is { Count: > 0 } left)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Sandbox processes outlived the killed server: {string.Join("; ", left)}");
            await Task.Delay(100);
        }
    }

    private List<string> SandboxProcesses()
    {
        var found = new List<string>();
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(p => int.TryParse(Path.GetFileName(p), out _)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(process, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(_data, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(process)}: {commandLine}");
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Gone while being read.
            }
        }
        return found;
    }

    /// <summary>Cuts the stored document of a run in half, as a torn write would leave it.</summary>
    private void TruncateDocument(Guid id)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, LinguacodusDbContext.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        // EF Core keeps a Guid as upper-case text.
        command.CommandText = "UPDATE runs SET Document = substr(Document, 1, length(Document) / 2) WHERE Id = $id";
        command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
