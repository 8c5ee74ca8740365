using System.Collections.Immutable;
using Bunit;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Runs;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunExecutionLogTests : ComponentTest
{
    [Fact]
    public void Render_NoAttempts_SaysNothingRanYet()
    {
        var cut = Context.Render<RunExecutionLog>();

        Assert.Contains("has not run yet", cut.Find("[data-testid=execution-log]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=execution-attempts]"));
    }

    [Fact]
    public void Render_LintFindings_ListsThemAsText()
    {
        IReadOnlyList<Linguacodus.Core.Artifacts.LintFinding> findings =
        [
            new("fit-on-test", "'scaler.fit(X_test)' fits on test data"),
            new("id-in-features", "<img src=x onerror=alert(1)> is an id"),
        ];

        var cut = Context.Render<RunExecutionLog>(p => p.Add(c => c.Findings, findings));

        var box = cut.Find("[data-testid=lint-findings]");
        Assert.Contains("2 problems", box.TextContent);
        Assert.Contains("fit-on-test", box.TextContent);
        Assert.Contains("<img src=x onerror=alert(1)>", box.TextContent);
        Assert.Empty(box.QuerySelectorAll("img"));
    }

    [Fact]
    public void Render_Attempts_ListsEachWithErrorOrScore()
    {
        IReadOnlyList<AttemptRecord> attempts =
        [
            Attempt(1, AttemptTrigger.Generated, ["boom"], exitCode: 1, error: "KeyError: 'x'"),
            Attempt(2, AttemptTrigger.Fix, ["ok"], exitCode: 0, score: 0.98765),
        ];

        var cut = Context.Render<RunExecutionLog>(p => p.Add(c => c.Attempts, attempts));

        var first = cut.Find("[data-testid=execution-attempts] li:nth-child(1)").TextContent;
        var second = cut.Find("[data-testid=execution-attempts] li:nth-child(2)").TextContent;
        Assert.Contains("generated", first);
        Assert.Contains("exit code 1", first);
        Assert.Contains("KeyError: 'x'", first);
        Assert.Contains("fix", second);
        Assert.Contains("score 0.98765", second);
    }

    [Fact]
    public void Render_LatestAttempt_ShowsItsLinesWithStderrMarked()
    {
        IReadOnlyList<AttemptRecord> attempts =
        [
            Attempt(1, AttemptTrigger.Generated, ["old output"], exitCode: 1, error: "failed"),
            Attempt(2, AttemptTrigger.Fix, ["fitting", "!warning: <convergence>", "done"]),
        ];

        var cut = Context.Render<RunExecutionLog>(p => p.Add(c => c.Attempts, attempts));

        var pre = cut.Find("[data-testid=execution-log-output] pre");
        Assert.Equal("fitting\nwarning: <convergence>\ndone\n", pre.TextContent);
        Assert.Equal(["warning: <convergence>\n"], cut.FindAll(".lc-log-err").Select(e => e.TextContent));
    }

    [Fact]
    public void Render_LongLog_ShowsOnlyTheLastLinesAndCountsTheRest()
    {
        var lines = Enumerable.Range(1, RunExecutionLog.MaxLinesShown + 250).Select(i => $"line {i}").ToArray();
        IReadOnlyList<AttemptRecord> attempts = [Attempt(1, AttemptTrigger.Generated, lines)];

        var cut = Context.Render<RunExecutionLog>(p => p.Add(c => c.Attempts, attempts));

        var shown = cut.FindAll("[data-testid=execution-log-output] pre > span:not(.lc-log-note)");
        Assert.Equal(RunExecutionLog.MaxLinesShown, shown.Count);
        Assert.Equal("line 251\n", shown[0].TextContent);
        Assert.Equal($"line {RunExecutionLog.MaxLinesShown + 250}\n", shown[^1].TextContent);
        Assert.Contains("250 earlier lines not shown", cut.Find(".lc-log-note").TextContent);
    }

    [Fact]
    public void Click_EarlierAttempt_ShowsItsOutput()
    {
        IReadOnlyList<AttemptRecord> attempts =
        [
            Attempt(1, AttemptTrigger.Generated, ["first run output"], exitCode: 1, error: "failed"),
            Attempt(2, AttemptTrigger.Fix, ["second run output"], exitCode: 0, score: 0.5),
        ];
        var cut = Context.Render<RunExecutionLog>(p => p.Add(c => c.Attempts, attempts));

        cut.Find("[data-testid=execution-attempt-1]").Click();

        Assert.Equal("first run output\n", cut.Find("[data-testid=execution-log-output] pre").TextContent);
    }

    [Fact]
    public void Render_FixAttempt_ShowsTheCauseAndADiffAgainstThePreviousProgram()
    {
        IReadOnlyList<AttemptRecord> attempts =
        [
            Attempt(1, AttemptTrigger.Generated, ["boom"], exitCode: 1, error: "NameError: name 'pd' is not defined") with { Program = Program("df = pd.read_csv('train.csv')") },
            Attempt(2, AttemptTrigger.Fix, ["ok"], exitCode: 0, score: 0.9) with { Program = Program("import pandas as pd\ndf = pd.read_csv('train.csv')") },
        ];
        var cut = Context.Render<RunExecutionLog>(p => p.Add(c => c.Attempts, attempts).Add(c => c.Title, "Titanic"));
        Assert.Contains("NameError: name 'pd' is not defined", cut.Find("[data-testid=execution-attempt-cause]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=execution-attempt-diff]"));

        cut.Find("[data-testid=execution-attempt-diff-toggle]").Click();

        var diff = cut.Find("[data-testid=execution-attempt-diff]");
        Assert.Equal("1", diff.GetAttribute("data-diff-from"));
        Assert.Contains("df = pd.read_csv", cut.Find(".stub-original").TextContent);
        Assert.DoesNotContain("import pandas", cut.Find(".stub-original").TextContent);
        Assert.Contains("import pandas as pd", cut.Find(".stub-modified").TextContent);
        Assert.Contains("Titanic", cut.Find(".stub-modified").TextContent);
    }

    [Fact]
    public void Render_FirstAttemptShown_NoChangePanel()
    {
        IReadOnlyList<AttemptRecord> attempts =
        [
            Attempt(1, AttemptTrigger.Generated, ["boom"], exitCode: 1, error: "failed") with { Program = Program("a = 1") },
            Attempt(2, AttemptTrigger.Fix, ["ok"], exitCode: 0) with { Program = Program("a = 2") },
        ];
        var cut = Context.Render<RunExecutionLog>(p => p.Add(c => c.Attempts, attempts));

        cut.Find("[data-testid=execution-attempt-1]").Click();

        Assert.Empty(cut.FindAll("[data-testid=execution-attempt-change]"));
    }

    [Fact]
    public void Render_SameProgramRunAgain_SaysSoWithoutDiff()
    {
        IReadOnlyList<AttemptRecord> attempts =
        [
            Attempt(1, AttemptTrigger.Generated, ["x"], exitCode: 137, error: "interrupted by a server restart") with { Program = Program("a = 1") },
            Attempt(2, AttemptTrigger.Resume, ["ok"], exitCode: 0) with { Program = Program("a = 1") },
        ];

        var cut = Context.Render<RunExecutionLog>(p => p.Add(c => c.Attempts, attempts));

        Assert.Contains("ran the same program", cut.Find("[data-testid=execution-attempt-cause]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=execution-attempt-diff-toggle]"));
    }

    [Fact]
    public void Render_PlotsAfterTheLatestAttempt_ShownAsImagesFromTheRunsEndpoint()
    {
        var id = Guid.NewGuid();
        IReadOnlyList<AttemptRecord> attempts = [Attempt(1, AttemptTrigger.Generated, ["ok"], exitCode: 0)];
        IReadOnlyList<string> plots = ["loss curve.png", "roc.jpg"];

        var cut = Context.Render<RunExecutionLog>(p => p.Add(c => c.Attempts, attempts).Add(c => c.RunId, id).Add(c => c.Plots, plots));

        var images = cut.FindAll("[data-testid=execution-plot]");
        Assert.Equal([$"/runs/{id:N}/plots/loss%20curve.png?v=1", $"/runs/{id:N}/plots/roc.jpg?v=1"], images.Select(i => i.GetAttribute("src")));
        Assert.Equal("roc.jpg", images[1].GetAttribute("alt"));
    }

    [Fact]
    public void Render_PlotsWhileTheAttemptRuns_NotShown()
    {
        IReadOnlyList<AttemptRecord> attempts = [Attempt(1, AttemptTrigger.Generated, ["working"])];
        IReadOnlyList<string> plots = ["plot.png"];

        var cut = Context.Render<RunExecutionLog>(p => p.Add(c => c.Attempts, attempts).Add(c => c.Plots, plots));

        Assert.Empty(cut.FindAll("[data-testid=execution-plots]"));
    }

    private static ImmutableDictionary<CodeStage, string> Program(string preprocessing) =>
        ImmutableDictionary<CodeStage, string>.Empty.Add(CodeStage.Preprocessing, preprocessing).Add(CodeStage.Submission, "print('done')");

    /// <summary>Lines starting with '!' are stderr.</summary>
    private static AttemptRecord Attempt(int number, AttemptTrigger trigger, string[] lines, int? exitCode = null, string? error = null, double? score = null) =>
        new(number, trigger, ImmutableDictionary<CodeStage, string>.Empty,
            [.. lines.Select(l => l.StartsWith('!') ? new OutputLine(l[1..], true, 0) : new OutputLine(l, false, 0))], 0,
            exitCode, error, score, exitCode is null ? null : TimeSpan.FromSeconds(2.5));
}
