using Bunit;
using Linguacodus.Core.Memory;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

/// <summary>The similar solved tasks a run's planning found: each links to its run and says what scored there.</summary>
public sealed class RunSimilarCasesTests : ComponentTest
{
    private static readonly SimilarCase Cancer = new(
        Guid.NewGuid(), Guid.NewGuid(), "Breast cancer diagnosis", "roc", 0.99123, 0.876, "random forest", "gradient boosting", Edited: false, "plan");

    private static readonly SimilarCase Houses = new(
        Guid.NewGuid(), Guid.NewGuid(), "House prices", "rmse", 0.5, 0.214, "linear", "linear", Edited: true, "plan");

    [Fact]
    public void Render_TwoCases_LinksEachRunWithItsScoreLikenessAndBestFamily()
    {
        var cut = Context.Render<RunSimilarCases>(p => p.Add(c => c.Cases, [Cancer, Houses]));

        Assert.Equal(2, cut.FindAll("[data-testid^=similar-case-link-]").Count);
        Assert.Equal($"runs/{Cancer.RunId}", cut.Find("[data-testid=similar-case-link-1]").GetAttribute("href"));
        Assert.Equal("Breast cancer diagnosis", cut.Find("[data-testid=similar-case-link-1]").TextContent);
        Assert.Equal($"runs/{Houses.RunId}", cut.Find("[data-testid=similar-case-link-2]").GetAttribute("href"));
        Assert.Equal("ROC AUC 0.9912", cut.Find("[data-testid=similar-case-score-1]").TextContent);
        Assert.Equal("RMSE 0.5000", cut.Find("[data-testid=similar-case-score-2]").TextContent);
        var first = cut.Find("[data-testid=similar-case-1]").TextContent;
        Assert.Contains("88% alike", first);
        Assert.Contains("gradient boosting scored best", first);
        Assert.DoesNotContain("edited by the analyst", first);
        var second = cut.Find("[data-testid=similar-case-2]").TextContent;
        Assert.Contains("21% alike", second);
        Assert.Contains("edited by the analyst", second);
        Assert.Empty(cut.FindAll("[data-testid=similar-cases-none]"));
    }

    [Fact]
    public void Render_NoCases_SaysNoneWasFoundWithoutClaimingTheMemoryIsEmpty()
    {
        var cut = Context.Render<RunSimilarCases>(p => p.Add(c => c.Cases, []));

        Assert.NotNull(cut.Find("[data-testid=similar-cases]"));
        Assert.Equal("No similar solved task was found (the memory is in Settings).", cut.Find("[data-testid=similar-cases-none]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid^=similar-case-]"));
    }
}
