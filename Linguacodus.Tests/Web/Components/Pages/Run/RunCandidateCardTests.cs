using Bunit;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunCandidateCardTests : ComponentTest
{
    private const string Plan = """
        Data Preprocessing:
        - Impute gaps with the median.
        Model Architecture:
        - <b>RandomForestClassifier</b> with <script>alert(1)</script> 400 trees.
        Model Training:
        - Hold out 20% for validation.
        """;

    [Fact]
    public void Render_PlanWithMarkup_ShowsSectionsAsText()
    {
        var card = Context.Render<RunCandidateCard>(p => p.Add(c => c.Index, 2).Add(c => c.Text, Plan));

        var root = card.Find("[data-testid=candidate-2]");
        Assert.Equal(["Data Preprocessing", "Model Architecture", "Model Training"], card.FindAll(".lc-instruction-heading").Select(h => h.TextContent));
        Assert.Contains("<b>RandomForestClassifier</b> with <script>alert(1)</script> 400 trees.", root.TextContent);
        Assert.Empty(root.QuerySelectorAll("b, script"));
    }

    [Fact]
    public void Render_CannotChoose_DisablesButton()
    {
        var card = Context.Render<RunCandidateCard>(p => p.Add(c => c.Index, 1).Add(c => c.Text, Plan).Add(c => c.CanChoose, false));

        Assert.True(card.Find("[data-testid=choose-candidate-1]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_NoTextYet_DisablesButtonAndShowsPlaceholder()
    {
        var card = Context.Render<RunCandidateCard>(p => p.Add(c => c.Index, 3).Add(c => c.CanChoose, true).Add(c => c.Waiting, true));

        Assert.True(card.Find("[data-testid=choose-candidate-3]").HasAttribute("disabled"));
        Assert.NotEmpty(card.FindAll(".mud-skeleton"));
    }

    [Fact]
    public void Click_CanChoose_ReportsItsIndex()
    {
        int? chosen = null;
        var card = Context.Render<RunCandidateCard>(p => p
            .Add(c => c.Index, 3).Add(c => c.Text, Plan).Add(c => c.CanChoose, true)
            .Add(c => c.OnChoose, index => chosen = index));

        card.Find("[data-testid=choose-candidate-3]").Click();

        Assert.Equal(3, chosen);
    }

    [Fact]
    public void Render_ChosenAndRecommended_ShowsBothBadges()
    {
        var card = Context.Render<RunCandidateCard>(p => p
            .Add(c => c.Index, 1).Add(c => c.Text, Plan).Add(c => c.Chosen, true).Add(c => c.Recommended, true));

        Assert.Contains("lc-chosen", card.Find("[data-testid=candidate-1]").ClassName);
        Assert.Contains("chosen", card.Markup);
        Assert.Contains("agents' pick", card.Markup);
    }

    [Fact]
    public void Edit_ThenChooseEdited_InvokesCallbackWithTheEditedText()
    {
        CandidateEdit? chosen = null;
        var card = Context.Render<RunCandidateCard>(p => p
            .Add(c => c.Index, 3).Add(c => c.Text, Plan).Add(c => c.CanChoose, true)
            .Add(c => c.OnChooseEdited, (CandidateEdit edit) => chosen = edit));

        card.Find("[data-testid=edit-candidate-3]").Click();
        var editor = card.Find("[data-testid=candidate-editor-3]");
        Assert.Equal(Plan, editor.GetAttribute("value") ?? editor.TextContent);
        editor.Change(Plan.Replace("400 trees", "800 trees", StringComparison.Ordinal));
        card.Find("[data-testid=choose-edited-candidate-3]").Click();

        Assert.Equal(3, chosen?.Index);
        Assert.Contains("800 trees", chosen!.Text);
        Assert.Empty(card.FindAll("[data-testid=candidate-editor-3]"));
    }

    [Fact]
    public void Edit_Cancelled_BackToThePlanAndNothingChosen()
    {
        var called = false;
        var card = Context.Render<RunCandidateCard>(p => p
            .Add(c => c.Index, 1).Add(c => c.Text, Plan).Add(c => c.CanChoose, true)
            .Add(c => c.OnChooseEdited, (CandidateEdit _) => called = true));

        card.Find("[data-testid=edit-candidate-1]").Click();
        card.Find("[data-testid=candidate-editor-1]").Change("something else");
        card.Find("[data-testid=cancel-edit-candidate-1]").Click();

        Assert.False(called);
        Assert.Empty(card.FindAll("[data-testid=candidate-editor-1]"));
        Assert.Contains("400 trees", card.Find("[data-testid=candidate-1]").TextContent);
    }

    [Fact]
    public void Edit_EmptiedText_CannotBeChosen()
    {
        var card = Context.Render<RunCandidateCard>(p => p.Add(c => c.Index, 2).Add(c => c.Text, Plan).Add(c => c.CanChoose, true));

        card.Find("[data-testid=edit-candidate-2]").Click();
        card.Find("[data-testid=candidate-editor-2]").Change("   ");

        Assert.True(card.Find("[data-testid=choose-edited-candidate-2]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_CannotChoose_EditDisabled()
    {
        var card = Context.Render<RunCandidateCard>(p => p.Add(c => c.Index, 2).Add(c => c.Text, Plan));

        Assert.True(card.Find("[data-testid=edit-candidate-2]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_ChosenEdited_SaysSo()
    {
        var card = Context.Render<RunCandidateCard>(p => p.Add(c => c.Index, 2).Add(c => c.Text, Plan).Add(c => c.Chosen, true).Add(c => c.ChosenEdited, true));

        Assert.Contains("chosen, edited", card.Find("[data-testid=candidate-2]").TextContent);
    }
}
