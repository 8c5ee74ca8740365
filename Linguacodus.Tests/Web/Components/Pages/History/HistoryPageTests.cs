using System.Collections.Immutable;
using Bunit;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Linguacodus.Web.Components.Pages.History;

namespace Linguacodus.Tests.Web.Components.Pages.History;

public sealed class HistoryPageTests : AppComponentTest
{
    [Fact]
    public void Render_NoRuns_InvitesToStartOne()
    {
        var page = Context.Render<HistoryPage>();

        page.WaitForAssertion(() => Assert.Contains("No runs yet", page.Find("[data-testid=history-empty]").TextContent));
    }

    [Fact]
    public async Task Render_Runs_ListsThemNewestFirstWithLinks()
    {
        var first = await App.StartExampleAsync("diabetes-progression");
        var second = await App.StartExampleAsync("breast-cancer");

        var page = Context.Render<HistoryPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=history-run]").Count));
        var links = page.FindAll("[data-testid=history-run]");
        Assert.Equal($"runs/{second.Run.Id}", links[0].GetAttribute("href"));
        Assert.Equal(second.Run.Task.Title, links[0].TextContent);
        Assert.Equal($"runs/{first.Run.Id}", links[1].GetAttribute("href"));
        var row = page.FindAll("tbody tr")[0].TextContent;
        Assert.Contains("baseline", row);
        Assert.Contains("awaiting choice", row);
    }

    [Fact]
    public async Task Render_ScoredRuns_EachScoreIsABarAgainstItsNaiveScore()
    {
        // Stored as the run service stores them: an RMSE run that beats its naive score, then an AUC run that does not.
        await SaveScoredAsync(3, "rmse", score: 63.2, naive: 81.1);
        await SaveScoredAsync(2, "roc auc", score: 0.48, naive: 0.5);
        await SaveScoredAsync(1, "rmse", score: 1.0, naive: null);

        var page = Context.Render<HistoryPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=history-run]").Count));
        var bars = page.FindAll("[data-testid=history-score-bar]");
        Assert.Equal(2, bars.Count);
        // Newest first: the run without a naive score (its number alone), the AUC run, the RMSE run.
        Assert.Equal("false", bars[0].GetAttribute("data-beats-naive"));
        Assert.Equal("Validation roc_auc 0.48, naive 0.5; higher is better: worse than the naive score (4% worse)", bars[0].GetAttribute("title"));
        Assert.Equal("true", bars[1].GetAttribute("data-beats-naive"));
        Assert.Equal("Validation rmse 63.2, naive 81.1; lower is better: beats the naive score (22% better)", bars[1].GetAttribute("title"));
        Assert.Contains("1.0000", page.FindAll("tbody tr")[0].TextContent);
        Assert.Empty(page.FindAll("tbody tr")[0].QuerySelectorAll("[data-testid=history-score-bar]"));
        Assert.Contains("63.2000", page.FindAll("tbody tr")[2].TextContent);
    }

    [Theory]
    // Lower is better: the bar ends at the score, the tick at the naive score, on one scale from 0.
    [InlineData("rmse", 50.0, 100.0, 0.0, 0.5, 1.0, true)]
    [InlineData("rmse", 100.0, 50.0, 0.0, 1.0, 0.5, false)]
    [InlineData("accuracy", 0.9, 0.3, 0.0, 1.0, 0.3333, true)]
    // R² below 0: the scale starts at the lowest value, and the bar runs from the score up to 0.
    [InlineData("r2", -0.5, 0.0, 0.0, 1.0, 1.0, false)]
    public void Of_ScoreAndNaive_PlacesBothOnOneScale(string metric, double score, double naive, double from, double to, double tick, bool beats)
    {
        var bar = HistoryScoreBar.Of(score, naive, metric)!;

        Assert.Equal(from, bar.From, 3);
        Assert.Equal(to, bar.To, 3);
        Assert.Equal(tick, bar.Naive, 3);
        Assert.Equal(beats, bar.Beats);
    }

    [Theory]
    [InlineData(null, 0.5, "roc_auc")]
    [InlineData(0.9, null, "roc_auc")]
    [InlineData(0.9, 0.5, null)]
    [InlineData(double.NaN, 0.5, "roc_auc")]
    public void Of_SomethingMissing_NoBar(double? score, double? naive, string? metric) =>
        Assert.Null(HistoryScoreBar.Of(score, naive, metric));

    /// <param name="age">Days before now it was created: the list shows the youngest first.</param>
    private async Task SaveScoredAsync(int age, string metric, double score, double? naive)
    {
        var stages = CodeStages.All.ToImmutableDictionary(s => s, _ => "pass");
        var run = RunSnapshot.Start(Guid.NewGuid(), new MlTask($"Scored by {metric}", "Predict.", "tabular", metric, "", ""), "baseline") with
        {
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-age),
            Status = RunStatus.Succeeded,
            Stages = stages,
            Attempts = [new AttemptRecord(1, AttemptTrigger.Generated, stages, [], 0, ExitCode: 0, Score: score, NaiveScore: naive)],
        };
        await App.Store.SaveAsync(run, Path.Combine(App.DataDirectory, run.Id.ToString("N")), CancellationToken.None);
    }
}
