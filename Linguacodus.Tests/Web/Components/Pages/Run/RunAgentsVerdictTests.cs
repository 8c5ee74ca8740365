using Bunit;
using Linguacodus.Core.Engine;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunAgentsVerdictTests : ComponentTest
{
    private static readonly Verdict Verdict = new(2, "Option 2 handles the gaps natively.", "Data Preprocessing:\n- Keep gaps.\nModel Training:\n- Use a <i>time</i> split.\n");

    [Fact]
    public void Render_Verdict_ShowsChoiceReasonsAndImprovedInstructionAsText()
    {
        var cut = Context.Render<RunAgentsVerdict>(p => p.Add(c => c.Critique, "Option 1:\n- overfits\n").Add(c => c.Verdict, Verdict));

        var root = cut.Find("[data-testid=agents-verdict]");
        Assert.Equal("2", root.GetAttribute("data-chosen-index"));
        Assert.Contains("Candidate 2", cut.Find("[data-testid=agents-verdict-choice]").TextContent);
        Assert.Contains("Option 2 handles the gaps natively.", root.TextContent);
        Assert.Contains("Use a <i>time</i> split.", root.TextContent);
        Assert.Empty(root.QuerySelectorAll("i"));
        Assert.Contains("Option 1:\n- overfits", cut.Find(".lc-critique-text").TextContent);
    }

    [Fact]
    public void Render_NoVerdictYet_DisablesAccept()
    {
        var cut = Context.Render<RunAgentsVerdict>(p => p.Add(c => c.CanChoose, true).Add(c => c.Waiting, true));

        Assert.True(cut.Find("[data-testid=accept-agents-choice]").HasAttribute("disabled"));
        Assert.Equal("", cut.Find("[data-testid=agents-verdict]").GetAttribute("data-chosen-index"));
    }

    [Fact]
    public void Click_Accept_InvokesCallback()
    {
        var accepted = false;
        var cut = Context.Render<RunAgentsVerdict>(p => p
            .Add(c => c.Verdict, Verdict).Add(c => c.CanChoose, true).Add(c => c.OnAccept, () => accepted = true));

        cut.Find("[data-testid=accept-agents-choice]").Click();

        Assert.True(accepted);
    }

    [Fact]
    public void Click_Changes_ShowsTheImprovedInstructionAsADiffOfTheOriginalAsText()
    {
        const string original = "Data Preprocessing:\n- Drop gaps.\nModel Training:\n- Use a random split.\n";
        var cut = Context.Render<RunAgentsVerdict>(p => p.Add(c => c.Verdict, Verdict).Add(c => c.Original, original));
        Assert.Empty(cut.FindAll("[data-testid=agents-verdict-diff]"));

        cut.Find("[data-testid=agents-verdict-show-diff]").Click();

        var diff = cut.Find("[data-testid=agents-verdict-diff]");
        Assert.Equal(["Drop", "random"], diff.QuerySelectorAll("del").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Keep", "<i>time</i>"], diff.QuerySelectorAll("ins").Select(e => e.TextContent.Trim()));
        Assert.Empty(diff.QuerySelectorAll("i"));
        Assert.Equal(Verdict.ImprovedInstruction, string.Concat(diff.ChildNodes.Where(n => n.NodeName != "DEL").Select(n => n.TextContent)));
        Assert.Contains("+2", cut.Find("[data-testid=agents-verdict-diff-summary]").TextContent);

        cut.Find("[data-testid=agents-verdict-show-text]").Click();

        Assert.Empty(cut.FindAll("[data-testid=agents-verdict-diff]"));
    }

    [Fact]
    public void Render_NoOriginal_NoDiffSwitch()
    {
        var cut = Context.Render<RunAgentsVerdict>(p => p.Add(c => c.Verdict, Verdict));

        Assert.Empty(cut.FindAll("[data-testid=agents-verdict-show-diff]"));
    }
}
