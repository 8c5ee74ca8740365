using Bunit;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Runs;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunBranchesTests : ComponentTest
{
    private static readonly BranchResult[] Compared =
    [
        Branch(1, BranchStatus.Succeeded, 61.2),
        Branch(2, BranchStatus.Failed, null),
        Branch(3, BranchStatus.Succeeded, 58.4),
    ];

    private static BranchResult Branch(int candidate, BranchStatus status, double? score) =>
        new(candidate, status, score, 1, 3.5) { Stages = System.Collections.Immutable.ImmutableDictionary<CodeStage, string>.Empty.Add(CodeStage.Training, "x = 1") };

    [Fact]
    public void Render_LowerIsBetterMetric_MarksTheLowestScoreBestAndTheAgentsPick()
    {
        var cut = Context.Render<RunBranches>(p => p
            .Add(c => c.Branches, Compared)
            .Add(c => c.Metrics, "rmse")
            .Add(c => c.AgentsPick, 1)
            .Add(c => c.CanAct, true));

        Assert.Equal(3, cut.Instance.Best!.Candidate);
        Assert.Contains("best score", cut.Find("[data-testid=branch-3]").TextContent);
        Assert.Contains("agents' pick", cut.Find("[data-testid=branch-1]").TextContent);
        Assert.Equal("58.4000", cut.Find("[data-testid=branch-score-3]").TextContent);
        Assert.Equal("–", cut.Find("[data-testid=branch-score-2]").TextContent);
        Assert.Contains("Run all three again", cut.Find("[data-testid=compare-candidates]").TextContent);
    }

    [Fact]
    public void Render_BranchDiagnostics_OneRowPerPictureOneColumnPerCandidate()
    {
        var id = Guid.NewGuid();
        var plots = new Dictionary<int, IReadOnlyList<string>>
        {
            [1] = ["validation_predicted_vs_actual.png", "validation_residuals.png"],
            [2] = [],
            [3] = ["validation_feature_importances.png", "validation_predicted_vs_actual.png", "validation_residuals.png"],
        };

        var cut = Context.Render<RunBranches>(p => p.Add(c => c.Branches, Compared).Add(c => c.Metrics, "rmse").Add(c => c.RunId, id).Add(c => c.Plots, plots));

        Assert.Equal(["feature importances", "predicted vs actual", "residuals"], cut.FindAll(".lc-branch-plots-name").Select(e => e.TextContent));
        Assert.Equal(2, cut.FindAll("[data-testid=branch-plot-1]").Count);
        Assert.Empty(cut.FindAll("[data-testid=branch-plot-2]"));
        Assert.Equal(3, cut.FindAll("[data-testid=branch-plot-3]").Count);
        Assert.Equal(4, cut.FindAll("[data-testid=branch-diagnostics] .lc-muted").Count(e => e.TextContent == "none"));
        Assert.Equal($"/runs/{id:N}/branches/3/plots/validation_residuals.png", cut.FindAll("[data-testid=branch-plot-3]")[2].GetAttribute("src"));
    }

    [Fact]
    public void Render_NoDiagnostics_DrawsNoGrid()
    {
        var cut = Context.Render<RunBranches>(p => p.Add(c => c.Branches, Compared).Add(c => c.Metrics, "rmse"));

        Assert.Empty(cut.FindAll("[data-testid=branch-diagnostics]"));
    }

    [Fact]
    public void Render_HigherIsBetterMetric_MarksTheHighestScoreBest()
    {
        var cut = Context.Render<RunBranches>(p => p.Add(c => c.Branches, Compared).Add(c => c.Metrics, "accuracy"));

        Assert.Equal(1, cut.Instance.Best!.Candidate);
    }

    [Fact]
    public void Promote_Clicked_ReportsTheCandidate()
    {
        var promoted = 0;
        var cut = Context.Render<RunBranches>(p => p
            .Add(c => c.Branches, Compared)
            .Add(c => c.Metrics, "rmse")
            .Add(c => c.CanAct, true)
            .Add(c => c.OnPromote, (int candidate) => promoted = candidate));

        cut.Find("button[data-testid=promote-branch-3]").Click();

        Assert.Equal(3, promoted);
    }

    [Fact]
    public void Render_RunningBranchOrBusyRun_CannotBePromoted()
    {
        BranchResult[] running = [Branch(1, BranchStatus.Running, null)];

        var cut = Context.Render<RunBranches>(p => p.Add(c => c.Branches, running).Add(c => c.Metrics, "rmse").Add(c => c.CanAct, true));

        Assert.True(cut.Find("button[data-testid=promote-branch-1]").HasAttribute("disabled"));
        Assert.Null(cut.Instance.Best);
    }

    [Fact]
    public void Render_NotCompared_OffersTheComparisonOnly()
    {
        var cut = Context.Render<RunBranches>(p => p.Add(c => c.Metrics, "rmse").Add(c => c.CanAct, false));

        Assert.Empty(cut.FindAll("table"));
        Assert.True(cut.Find("button[data-testid=compare-candidates]").HasAttribute("disabled"));
        Assert.Contains("Run all three", cut.Find("[data-testid=compare-candidates]").TextContent);
    }
}
