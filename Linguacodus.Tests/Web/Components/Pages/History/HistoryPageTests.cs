using Bunit;
using Linguacodus.Web.Components.Pages.History;

namespace Linguacodus.Tests.Web.Components.Pages.History;

public sealed class HistoryPageTests : AppComponentTest
{
    [Fact]
    public void Render_NoRuns_InvitesToStartOne()
    {
        var page = Context.Render<HistoryPage>();

        page.WaitForAssertion(() => Assert.Contains("No runs yet", page.Find("[data-testid=history-empty]").TextContent));
    }

    [Fact]
    public async Task Render_Runs_ListsThemNewestFirstWithLinks()
    {
        var first = await App.StartExampleAsync("diabetes-progression");
        var second = await App.StartExampleAsync("breast-cancer");

        var page = Context.Render<HistoryPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=history-run]").Count));
        var links = page.FindAll("[data-testid=history-run]");
        Assert.Equal($"runs/{second.Run.Id}", links[0].GetAttribute("href"));
        Assert.Equal(second.Run.Task.Title, links[0].TextContent);
        Assert.Equal($"runs/{first.Run.Id}", links[1].GetAttribute("href"));
        var row = page.FindAll("tbody tr")[0].TextContent;
        Assert.Contains("baseline", row);
        Assert.Contains("awaiting choice", row);
    }
}
