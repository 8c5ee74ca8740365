using Bunit;
using Linguacodus.Core.Engine;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunCodeStagesTests : ComponentTest
{
    private static readonly Dictionary<CodeStage, string> Code = new()
    {
        [CodeStage.Preprocessing] = "import pandas as pd\ntrain = pd.read_csv('train.csv')\n",
        [CodeStage.Architecture] = "model = None\n",
        [CodeStage.Training] = "model.fit(X, y)\n",
        [CodeStage.Submission] = "print('<done>')\n",
    };

    [Fact]
    public void Render_FourStages_EachInItsOwnWrapperAndEditor()
    {
        var cut = Context.Render<RunCodeStages>(p => p.Add(c => c.Stages, Code));

        foreach (var stage in CodeStages.All)
        {
            var wrapper = cut.Find($"[data-testid=code-stage-{stage.Slug()}]");
            Assert.Contains(stage.Title(), wrapper.TextContent);
            var editor = wrapper.QuerySelector(".stub-editor")!;
            Assert.Equal($"code-{stage.Slug()}", editor.GetAttribute("data-editor-id"));
            Assert.Equal(Code[stage], editor.TextContent);
        }
    }

    [Fact]
    public void Render_NotEditable_EditorsReadOnlyAndRunDisabled()
    {
        var cut = Context.Render<RunCodeStages>(p => p.Add(c => c.Stages, Code).Add(c => c.Editable, false));

        Assert.All(cut.FindAll(".stub-editor"), e => Assert.Equal("true", e.GetAttribute("data-readonly")));
        Assert.True(cut.Find("[data-testid=run-code]").HasAttribute("disabled"));
    }

    [Fact]
    public void Click_RunCodeWhenEditable_InvokesCallback()
    {
        var ran = false;
        var cut = Context.Render<RunCodeStages>(p => p.Add(c => c.Stages, Code).Add(c => c.Editable, true).Add(c => c.OnRunCode, () => ran = true));

        Assert.All(cut.FindAll(".stub-editor"), e => Assert.Equal("false", e.GetAttribute("data-readonly")));
        cut.Find("[data-testid=run-code]").Click();

        Assert.True(ran);
    }

    [Fact]
    public void Render_WritingStage_MarksIt()
    {
        var cut = Context.Render<RunCodeStages>(p => p
            .Add(c => c.Stages, new Dictionary<CodeStage, string> { [CodeStage.Preprocessing] = "x = 1\n", [CodeStage.Architecture] = "m" })
            .Add(c => c.Writing, CodeStage.Architecture));

        Assert.Contains("writing", cut.Find("[data-testid=code-stage-architecture]").TextContent);
        Assert.Contains("1 lines", cut.Find("[data-testid=code-stage-preprocessing]").TextContent);
        Assert.True(cut.Find("[data-testid=run-code]").HasAttribute("disabled"));
    }
}
