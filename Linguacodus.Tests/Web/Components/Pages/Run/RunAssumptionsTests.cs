using Bunit;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunAssumptionsTests : ComponentTest
{
    private static readonly TaskFolder Folder = TaskFolder.Load(Repository.Example("diabetes-progression"));

    [Fact]
    public void Apply_ChangedRoleAndTarget_BecomeTheOnlyHints()
    {
        TaskHints? applied = null;
        var cut = Context.Render<RunAssumptions>(p => p.Add(c => c.Folder, Folder).Add(c => c.OnApply, h => { applied = h; return Task.CompletedTask; }));
        Assert.Contains("train.csv as table of training rows", cut.Find("[data-testid=assumptions]").TextContent);

        cut.Find("[data-testid=correct-assumptions]").Click();
        cut.Find("[data-testid='assumption-role-sample_submission.csv']").Change(nameof(FileRole.Ignored));
        cut.Find("[data-testid=assumption-targets]").Change("bmi, bp");
        cut.Find("[data-testid=apply-corrections]").Click();

        Assert.NotNull(applied);
        Assert.Equal(FileRole.Ignored, Assert.Single(applied.Roles, r => r.Key == "sample_submission.csv").Value);
        Assert.Single(applied.Roles);
        Assert.Equal(["bmi", "bp"], applied.Targets);
        Assert.Null(applied.PositiveClass);
    }

    [Fact]
    public void Apply_CorrectionThatMakesNoTask_ShowsWhyAndKeepsTheForm()
    {
        var cut = Context.Render<RunAssumptions>(p => p.Add(c => c.Folder, Folder)
            .Add(c => c.OnApply, _ => throw new TaskFolderException("train.csv", "the table of training rows is missing")));

        cut.Find("[data-testid=correct-assumptions]").Click();
        cut.Find("[data-testid=assumption-positive-class]").Change("yes");
        cut.Find("[data-testid=apply-corrections]").Click();

        Assert.Contains("training rows is missing", cut.Find("[data-testid=assumptions-error]").TextContent);
        Assert.Equal("yes", cut.Find("[data-testid=assumption-positive-class]").GetAttribute("value"));
    }

    [Fact]
    public void Render_Disabled_CannotOpen()
    {
        var cut = Context.Render<RunAssumptions>(p => p.Add(c => c.Folder, Folder).Add(c => c.Disabled, true).Add(c => c.OnApply, _ => Task.CompletedTask));

        Assert.True(cut.Find("[data-testid=correct-assumptions]").HasAttribute("disabled"));
    }
}
