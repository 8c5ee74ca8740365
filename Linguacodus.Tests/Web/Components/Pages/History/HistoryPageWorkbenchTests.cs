using Bunit;
using Linguacodus.Web.Components.Pages.History;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Linguacodus.Tests.Web.Components.Pages.History;

/// <summary>The history's actions: delete (confirmed; refused for a working run) and try again with a candidate.</summary>
public sealed class HistoryPageWorkbenchTests : ComponentTest
{
    private AppServices _app = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _app = await AppServices.AddToAsync(Context);
    }

    public override async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Delete_Confirmed_RemovesTheRowAndTheRunsFolder()
    {
        var older = await _app.StartExampleAsync("diabetes-progression");
        var newer = await _app.StartExampleAsync("breast-cancer");
        var page = Context.Render<HistoryPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=history-run]").Count));

        page.Find("[data-testid=history-delete-1]").Click();
        Assert.Contains("Delete this run", page.Find("[data-testid=history-delete-confirm-1]").TextContent);
        page.Find("[data-testid=history-delete-yes-1]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-run]")));
        Assert.Equal(older.Run.Task.Title, page.Find("[data-testid=history-run]").TextContent);
        Assert.False(Directory.Exists(newer.Folder));
        Assert.Null(await _app.Store.LoadAsync(newer.Run.Id, CancellationToken.None));
        Assert.Empty(page.FindAll("[data-testid=history-error]"));
    }

    [Fact]
    public async Task Delete_Kept_NothingChanges()
    {
        var run = await _app.StartExampleAsync("diabetes-progression");
        var page = Context.Render<HistoryPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-run]")));

        page.Find("[data-testid=history-delete-1]").Click();
        page.Find("[data-testid=history-delete-no-1]").Click();

        Assert.Empty(page.FindAll("[data-testid=history-delete-confirm-1]"));
        Assert.Single(page.FindAll("[data-testid=history-run]"));
        Assert.True(Directory.Exists(run.Folder));
    }

    [Fact]
    public async Task Delete_RunStartedWorkingMeanwhile_ClearMessageAndRunKept()
    {
        var run = await _app.StartExampleAsync("diabetes-progression");
        var page = Context.Render<HistoryPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-run]")));
        page.Find("[data-testid=history-delete-1]").Click();
        await _app.Runs.ChooseAsync(run.Run.Id, 1);

        page.Find("[data-testid=history-delete-yes-1]").Click();

        page.WaitForAssertion(() => Assert.Contains("stop it before deleting it", page.Find("[data-testid=history-error]").TextContent));
        Assert.True(Directory.Exists(run.Folder));
        Assert.Single(page.FindAll("[data-testid=history-run]"));
    }

    [Fact]
    public async Task Delete_RunningRow_ButtonDisabled()
    {
        var run = await _app.StartExampleAsync("diabetes-progression");
        await _app.Runs.ChooseAsync(run.Run.Id, 1);
        // Saved as running once the step has started.
        for (var i = 0; i < 500 && (await _app.Runs.ListAsync())[0].Status != "running"; i++)
        {
            await Task.Delay(10);
        }

        var page = Context.Render<HistoryPage>();

        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=history-delete-1]").HasAttribute("disabled")));
    }

    [Fact]
    public async Task Duplicate_Candidate2_OpensTheNewRunWhichWritesCodeFromIt()
    {
        var source = await _app.StartExampleAsync("breast-cancer");
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        var page = Context.Render<HistoryPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-run]")));

        page.Find("[data-testid=history-duplicate-1]").Click();
        page.Find("[data-testid=history-duplicate-1-choice-2]").Click();

        page.WaitForAssertion(() => Assert.Matches("/runs/[0-9a-f-]{36}$", navigation.Uri));
        var id = Guid.Parse(navigation.Uri[^36..]);
        Assert.NotEqual(source.Run.Id, id);
        var copy = (await _app.Runs.SessionAsync(id))!;
        Assert.Equal(source.Run.Candidates, copy.Run.Candidates);
        copy.Stop();
        await AppServices.WaitUntilIdleAsync(copy);
    }

    [Fact]
    public async Task Duplicate_Cancelled_BackToTheActions()
    {
        await _app.StartExampleAsync("breast-cancer");
        var page = Context.Render<HistoryPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-run]")));

        page.Find("[data-testid=history-duplicate-1]").Click();
        page.Find("[data-testid=history-duplicate-cancel-1]").Click();

        Assert.Single(page.FindAll("[data-testid=history-duplicate-1]"));
        Assert.Single(await _app.Runs.ListAsync());
    }
}
