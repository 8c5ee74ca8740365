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
}
