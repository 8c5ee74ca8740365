using Bunit;
using Linguacodus.Tests.Web.Memory;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

/// <summary>The run page over the real memory: a like task solved before is shown as soon as the data is profiled.</summary>
public sealed class RunPageMemoryTests : AppComponentTest
{
    [Fact]
    public async Task Render_LikeTaskSolvedBefore_ShowsItAndTheFamilyRankedFirstBecauseOfIt()
    {
        var solved = await SolvedRuns.RememberAsync(App, "breast-cancer", 0.98);
        var session = await App.StartExampleAsync("breast-cancer");

        var page = Context.Render<RunPage>(p => p.Add(c => c.Id, session.Run.Id));

        Assert.Equal($"runs/{solved.RunId}", page.Find("[data-testid=similar-cases] [data-testid=similar-case-link-1]").GetAttribute("href"));
        Assert.Equal("ROC AUC 0.9800", page.Find("[data-testid=similar-case-score-1]").TextContent);
        Assert.Contains("100% alike", page.Find("[data-testid=similar-case-1]").TextContent);
        Assert.Contains($"Ranked first because {solved.BestFamily} scored best on a similar solved task", page.Find("[data-testid=candidate-1]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=similar-cases-none]"));
    }

    [Fact]
    public async Task Render_RetrievalOff_ShowsTheNeutralNoneLine()
    {
        await SolvedRuns.RememberAsync(App, "breast-cancer", 0.98);
        await App.Memory.SetRetrievalAsync(false, CancellationToken.None);
        var session = await App.StartExampleAsync("breast-cancer");

        var page = Context.Render<RunPage>(p => p.Add(c => c.Id, session.Run.Id));

        Assert.Contains("No similar solved task was found", page.Find("[data-testid=similar-cases-none]").TextContent);
        Assert.Empty(page.FindAll("[data-testid^=similar-case-]"));
    }
}
