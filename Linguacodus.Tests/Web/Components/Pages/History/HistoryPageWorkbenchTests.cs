using Bunit;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Runs;
using Linguacodus.Web.Components.Pages.History;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Linguacodus.Tests.Web.Components.Pages.History;

/// <summary>The history's actions: delete (confirmed; refused for a working run) and try again with a candidate.</summary>
public sealed class HistoryPageWorkbenchTests : AppComponentTest
{
    [Fact]
    public async Task Delete_Confirmed_RemovesTheRowAndTheRunsFolder()
    {
        var older = await App.StartExampleAsync("diabetes-progression");
        var newer = await App.StartExampleAsync("breast-cancer");
        var page = Context.Render<HistoryPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=history-run]").Count));

        page.Find("[data-testid=history-delete-1]").Click();
        Assert.Contains("Delete this run", page.Find("[data-testid=history-delete-confirm-1]").TextContent);
        page.Find("[data-testid=history-delete-yes-1]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-run]")));
        Assert.Equal(older.Run.Task.Title, page.Find("[data-testid=history-run]").TextContent);
        Assert.False(Directory.Exists(newer.Layout.Root));
        Assert.Null(await App.Store.LoadAsync(newer.Run.Id, CancellationToken.None));
        Assert.Empty(page.FindAll("[data-testid=history-error]"));
    }

    [Fact]
    public async Task Delete_Kept_NothingChanges()
    {
        var run = await App.StartExampleAsync("diabetes-progression");
        var page = Context.Render<HistoryPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-run]")));

        page.Find("[data-testid=history-delete-1]").Click();
        page.Find("[data-testid=history-delete-no-1]").Click();

        Assert.Empty(page.FindAll("[data-testid=history-delete-confirm-1]"));
        Assert.Single(page.FindAll("[data-testid=history-run]"));
        Assert.True(Directory.Exists(run.Layout.Root));
    }

    [Fact]
    public async Task Delete_RunStartedWorkingMeanwhile_ClearMessageAndRunKept()
    {
        var run = await App.StartExampleAsync("diabetes-progression");
        var page = Context.Render<HistoryPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-run]")));
        page.Find("[data-testid=history-delete-1]").Click();
        await App.Runs.ChooseAsync(run.Run.Id, 1);

        page.Find("[data-testid=history-delete-yes-1]").Click();

        page.WaitForAssertion(() => Assert.Contains("stop it before deleting it", page.Find("[data-testid=history-error]").TextContent));
        Assert.True(Directory.Exists(run.Layout.Root));
        Assert.Single(page.FindAll("[data-testid=history-run]"));
    }

    [Fact]
    public async Task Delete_RunningRow_ButtonDisabled()
    {
        // Every execution slot is taken, so the run stays running (queued for its program) however fast the machine.
        var slots = Context.Services.GetRequiredService<ExecutionSlots>();
        var held = await Task.WhenAll(Enumerable.Range(0, slots.Capacity).Select(_ => slots.EnterAsync("held", CancellationToken.None)));
        var run = await App.StartExampleAsync("diabetes-progression");
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        run.Updated += update =>
        {
            if (update is RunUpdate.Queued)
            {
                queued.TrySetResult();
            }
        };
        try
        {
            await App.Runs.ChooseAsync(run.Run.Id, 1);
            // Saved as running when the step started, before its program asked for a slot.
            await queued.Task.WaitAsync(TimeSpan.FromMinutes(3));

            var page = Context.Render<HistoryPage>();

            page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=history-delete-1]").HasAttribute("disabled")));
            Assert.Equal("running", (await App.Runs.ListAsync())[0].Status);
        }
        finally
        {
            run.Stop();
            foreach (var slot in held)
            {
                slot.Dispose();
            }
            await AppServices.WaitUntilIdleAsync(run);
        }
    }

    [Fact]
    public async Task Duplicate_Candidate2_OpensTheNewRunWhichWritesCodeFromIt()
    {
        var source = await App.StartExampleAsync("breast-cancer");
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        var page = Context.Render<HistoryPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-run]")));

        page.Find("[data-testid=history-duplicate-1]").Click();
        page.Find("[data-testid=history-duplicate-1-choice-2]").Click();

        page.WaitForAssertion(() => Assert.Matches("/runs/[0-9a-f-]{36}$", navigation.Uri));
        var id = Guid.Parse(navigation.Uri[^36..]);
        Assert.NotEqual(source.Run.Id, id);
        var copy = (await App.Runs.SessionAsync(id))!;
        Assert.Equal(source.Run.Candidates, copy.Run.Candidates);
        copy.Stop();
        await AppServices.WaitUntilIdleAsync(copy);
    }

    [Fact]
    public async Task Duplicate_Cancelled_BackToTheActions()
    {
        await App.StartExampleAsync("breast-cancer");
        var page = Context.Render<HistoryPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-run]")));

        page.Find("[data-testid=history-duplicate-1]").Click();
        page.Find("[data-testid=history-duplicate-cancel-1]").Click();

        Assert.Single(page.FindAll("[data-testid=history-duplicate-1]"));
        Assert.Single(await App.Runs.ListAsync());
    }
}
