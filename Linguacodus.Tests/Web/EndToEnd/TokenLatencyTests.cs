using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// How long a streamed token takes from the model endpoint to the analyst's screen, for three candidates streaming
/// side by side: the endpoint stamps each token with the time it sent it, a MutationObserver in Chromium records
/// when the token's text first appears in its card. Reported (test output and TestResults/latency), not asserted:
/// wall-clock figures on a shared 2-core machine are not a pass/fail criterion. Asserted: every token arrives, in order.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TokenLatencyTests(StreamingModelAppFixture app, ITestOutputHelper output) : IClassFixture<StreamingModelAppFixture>
{
    private const int Candidates = 3;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    /// <summary>Records, per token, when its text first showed in a candidate card (Date.now(), Unix ms).</summary>
    private const string Observer = """
        () => {
            window.__tokens = [];
            const seen = new Set();
            const pattern = /«c(\d)\.(\d+)@(\d+)»/g;
            const scan = () => {
                const now = Date.now();
                for (let card = 1; card <= 3; card++) {
                    const text = document.querySelector(`[data-testid=candidate-${card}]`)?.textContent ?? "";
                    for (const match of text.matchAll(pattern)) {
                        if (!seen.has(match[0])) {
                            seen.add(match[0]);
                            window.__tokens.push({ card, candidate: +match[1], index: +match[2], sent: +match[3], shown: now });
                        }
                    }
                }
            };
            new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
            scan();
        }
        """;

    [Fact]
    public async Task ThreeCandidateStream_EveryTokenShowsInItsCardInOrder_LatencyReported()
    {
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        const int total = Candidates * StreamingModelAppFixture.TokensPerCandidate;

        try
        {
            await Chromium.StartExampleAsync(page, app.BaseUrl, "breast-cancer");
            await Expect(page.Locator("[data-testid=candidate-3]")).ToBeVisibleAsync();
            await page.EvaluateAsync(Observer);
            app.Release();
            await page.WaitForFunctionAsync($"() => window.__tokens.length >= {total}", null, new() { Timeout = 120_000 });

            var tokens = JsonSerializer.Deserialize<Token[]>(await page.EvaluateAsync<string>("() => JSON.stringify(window.__tokens)"), WebJson)!;
            Assert.Equal(total, tokens.Length);
            for (var candidate = 1; candidate <= Candidates; candidate++)
            {
                var mine = tokens.Where(t => t.Candidate == candidate).ToList();
                // Each token in its own card, all of them, in the order they were sent.
                Assert.All(mine, t => Assert.Equal(candidate, t.Card));
                Assert.Equal(Enumerable.Range(0, StreamingModelAppFixture.TokensPerCandidate), mine.Select(t => t.Index));
                Assert.True(mine.Zip(mine.Skip(1)).All(p => p.First.Shown <= p.Second.Shown), $"Candidate {candidate}'s tokens showed out of order.");
            }
            Report(tokens);
        }
        catch
        {
            output.WriteLine("Server output:\n" + app.Log);
            await Chromium.ScreenshotAsync(page, $"{nameof(TokenLatencyTests)}-failure", output);
            throw;
        }
        finally
        {
            await Chromium.ScreenshotAsync(page, nameof(TokenLatencyTests), output);
        }
    }

    private void Report(IReadOnlyList<Token> tokens)
    {
        var latencies = tokens.Select(t => (double)(t.Shown - t.Sent)).Order().ToArray();
        var figures = new
        {
            measured_at = DateTimeOffset.UtcNow,
            candidates = Candidates,
            tokens_per_candidate = StreamingModelAppFixture.TokensPerCandidate,
            token_interval_ms = StreamingModelAppFixture.TokenInterval.TotalMilliseconds,
            tokens = latencies.Length,
            median_ms = Percentile(latencies, 0.50),
            p95_ms = Percentile(latencies, 0.95),
            min_ms = latencies[0],
            max_ms = latencies[^1],
            // Every token in send order: when it was sent (ms after the first) and how long it took to show.
            samples = tokens.OrderBy(t => t.Sent).Select(t => new { t.Candidate, t.Index, sent_ms = t.Sent - tokens.Min(x => x.Sent), latency_ms = t.Shown - t.Sent }),
            note = "Endpoint send time to first appearance in the candidate card (MutationObserver, Date.now()), same machine clock; " +
                "includes the app's streaming pipeline, the run page's render throttle and the Blazor Server circuit.",
        };
        var json = JsonSerializer.Serialize(figures, Indented);
        var path = Path.Combine(Chromium.ArtifactsDirectory("latency"), "token-to-page-latency.json");
        File.WriteAllText(path, json);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Token-to-page latency over {latencies.Length} tokens: median {figures.median_ms:0} ms, p95 {figures.p95_ms:0} ms (min {figures.min_ms:0}, max {figures.max_ms:0})"));
        output.WriteLine($"Figures: {path}");
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed record Token(int Card, int Candidate, int Index, long Sent, long Shown);
}
