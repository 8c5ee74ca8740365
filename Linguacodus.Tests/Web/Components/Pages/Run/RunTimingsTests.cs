using Bunit;
using Linguacodus.Core.Runs;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunTimingsTests : ComponentTest
{
    [Fact]
    public void Steps_ChosenTwice_KeepsNewestPassAndSumsCodeStages()
    {
        IReadOnlyList<StepTiming> timings =
        [
            new("profile", 0.2), new("instructions", 0.05), new("judge", 0.01),
            new("code: preprocessing", 1), new("code: architecture", 1), new("code: training", 1), new("code: submission", 1),
            new("execute: attempt 1", 9),
            new("code: preprocessing", 2), new("code: architecture", 2), new("code: training", 2), new("code: submission", 2),
            new("execute: attempt 1", 6.25),
        ];

        var cut = Context.Render<RunTimings>(p => p.Add(c => c.Timings, timings));

        Assert.Equal(
            [("profile", 0.2), ("instructions", 0.05), ("judge", 0.01), ("code", 8.0), ("execute", 6.25)],
            cut.Instance.Steps.Select(s => (s.Step, s.Seconds)));
        Assert.Contains("execute 6.3 s", cut.Find("[data-testid=run-timings]").TextContent);
    }

    [Fact]
    public void Steps_AfterFixes_NamesTheNewestAttempt()
    {
        IReadOnlyList<StepTiming> timings = [new("execute: attempt 1", 3), new("execute: attempt 2", 4)];

        var cut = Context.Render<RunTimings>(p => p.Add(c => c.Timings, timings));

        Assert.Equal([("execute (attempt 2)", 4.0)], cut.Instance.Steps.Select(s => (s.Step, s.Seconds)));
    }

    [Fact]
    public void Steps_ModelSteps_AddUpTokensAndShowTheRate()
    {
        IReadOnlyList<StepTiming> timings =
        [
            new("instructions", 2, 900, 600),
            new("code: preprocessing", 1, 100, 50), new("code: training", 1, 100, 150),
            new("execute: attempt 1", 1), new("fix: attempt 1", 2, 300, 100), new("execute: attempt 2", 1),
            new("fix: attempt 2", 1, 300, 50), new("execute: attempt 3", 1),
        ];

        var cut = Context.Render<RunTimings>(p => p.Add(c => c.Timings, timings));

        Assert.Equal(
            [new("instructions", 2, 900, 600), new("code", 2, 200, 200), new("fixes", 3, 600, 150), new StepTiming("execute (attempt 3)", 1)],
            cut.Instance.Steps);
        var text = cut.Find("[data-testid=run-timings]").TextContent;
        Assert.Contains("instructions 2.0 s · 300 tok/s", text);
        Assert.Contains("fixes 3.0 s · 50 tok/s", text);
    }

    [Fact]
    public void Render_NoTimings_RendersNothing()
    {
        var cut = Context.Render<RunTimings>();

        Assert.Empty(cut.FindAll("[data-testid=run-timings]"));
    }
}
