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
