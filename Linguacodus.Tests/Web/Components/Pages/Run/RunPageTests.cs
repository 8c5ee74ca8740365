using Bunit;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Runs;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

/// <summary>The run page over a real RunHost and the baseline engine; planning needs no Python, so it runs here in full.</summary>
public sealed class RunPageTests : AppComponentTest
{
    [Fact]
    public async Task Render_PlannedRun_ShowsProfileCandidatesAndVerdictReadyToChoose()
    {
        var session = await App.StartExampleAsync("breast-cancer");

        var page = Context.Render<RunPage>(p => p.Add(c => c.Id, session.Run.Id));

        Assert.Equal("awaiting choice", page.Find("[data-testid=run-status]").TextContent);
        Assert.Equal("diagnosis", page.Find("[data-testid=profile-target]").TextContent);
        for (var index = 1; index <= 3; index++)
        {
            Assert.Contains("Model Architecture", page.Find($"[data-testid=candidate-{index}]").TextContent);
            Assert.False(page.Find($"[data-testid=choose-candidate-{index}]").HasAttribute("disabled"));
        }
        Assert.Equal(session.Run.Verdict!.ChosenIndex.ToString(), page.Find("[data-testid=agents-verdict]").GetAttribute("data-chosen-index"));
        Assert.False(page.Find("[data-testid=accept-agents-choice]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=stop-run]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=run-code]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=download-submission]"));
        Assert.Contains("baseline engine", page.Find("[data-testid=run-engine]").TextContent);
    }

    [Fact]
    public async Task Render_WhileRunStreams_FollowsItsUpdatesToTheChoice()
    {
        var id = await App.Runs.StartAsync(Infrastructure.Repository.Example("digits"));

        var page = Context.Render<RunPage>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => Assert.Equal("awaiting choice", page.Find("[data-testid=run-status]").TextContent), TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => Assert.Contains("Model Training", page.Find("[data-testid=candidate-3]").TextContent));
        Assert.Contains("Choose a candidate", page.Find("[data-testid=run-message]").TextContent);
    }

    [Fact]
    public async Task Render_StoredRunWithCode_ShowsEachStageInItsEditor()
    {
        var planned = await App.StartExampleAsync("breast-cancer");
        var code = CodeStages.All.ToDictionary(s => s, s => $"# {s.Title()}\nprint('{s.Slug()}')\n");
        // A run saved with code (as after a server restart) is reopened from the database by the page.
        RunUpdate[] updates =
        [
            new RunUpdate.InstructionChosen(2, planned.Run.Candidates[1]),
            .. code.Select(c => new RunUpdate.StageReplaced(c.Key, c.Value)),
            new RunUpdate.StatusChanged(RunStatus.Failed, "The program failed: boom"),
        ];
        var stored = updates.Aggregate(planned.Run with { Id = Guid.NewGuid() }, (run, update) => update.ApplyTo(run));
        await App.Store.SaveAsync(stored, planned.Layout.Root, CancellationToken.None);

        var page = Context.Render<RunPage>(p => p.Add(c => c.Id, stored.Id));

        foreach (var stage in CodeStages.All)
        {
            Assert.Equal(code[stage], page.Find($"[data-testid=code-stage-{stage.Slug()}] .stub-editor").TextContent);
        }
        Assert.Equal("failed", page.Find("[data-testid=run-status]").TextContent);
        Assert.Contains("boom", page.Find("[data-testid=run-failure]").TextContent);
        Assert.Contains("chosen", page.Find("[data-testid=candidate-2]").TextContent);
        Assert.False(page.Find("[data-testid=run-code]").HasAttribute("disabled"));
        Assert.False(page.Find("[data-testid=choose-candidate-1]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_UnknownRun_SaysSo()
    {
        var page = Context.Render<RunPage>(p => p.Add(c => c.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("No such run", page.Markup));
    }

    [Fact]
    public async Task Render_Run_AttachesKeyboardShortcutsAndShowsThemInTooltips()
    {
        var module = Context.JSInterop.SetupModule(RunShortcuts.ModulePath);
        module.SetupVoid("attach").SetVoidResult();
        var session = await App.StartExampleAsync("breast-cancer");

        var page = Context.Render<RunPage>(p => p.Add(c => c.Id, session.Run.Id));

        page.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "attach"));
        Assert.Contains("Ctrl+Enter", page.Find("[data-testid=run-code]").GetAttribute("title"));
        Assert.Contains("Esc", page.Find("[data-testid=stop-run]").GetAttribute("title"));
    }

    [Fact]
    public async Task ChooseEdited_Candidate1_RunWritesCodeFromTheEditedText()
    {
        var session = await App.StartExampleAsync("breast-cancer");
        var page = Context.Render<RunPage>(p => p.Add(c => c.Id, session.Run.Id));
        var edited = session.Run.Candidates[0] + "\n- Also report the confusion matrix.\n";

        page.Find("[data-testid=edit-candidate-1]").Click();
        page.Find("[data-testid=candidate-editor-1]").Change(edited);
        page.Find("[data-testid=choose-edited-candidate-1]").Click();

        page.WaitForAssertion(() => Assert.Equal(edited, session.Run.ChosenInstruction), TimeSpan.FromSeconds(10));
        Assert.Equal(1, session.Run.ChosenIndex);
        page.WaitForAssertion(() => Assert.Contains("chosen, edited", page.Find("[data-testid=candidate-1]").TextContent), TimeSpan.FromSeconds(10));
        session.Stop();
        await AppServices.WaitUntilIdleAsync(session);
    }

    [Fact]
    public async Task Render_VerdictOfAPlannedRun_DiffsAgainstTheCandidateItPicked()
    {
        var session = await App.StartExampleAsync("breast-cancer");
        var page = Context.Render<RunPage>(p => p.Add(c => c.Id, session.Run.Id));

        page.Find("[data-testid=agents-verdict-show-diff]").Click();

        var diff = page.Find("[data-testid=agents-verdict-diff]");
        var picked = session.Run.Candidates[session.Run.Verdict!.ChosenIndex - 1];
        Assert.Equal(picked, string.Concat(diff.ChildNodes.Where(n => n.NodeName != "INS").Select(n => n.TextContent)));
        Assert.Equal(session.Run.Verdict.ImprovedInstruction, string.Concat(diff.ChildNodes.Where(n => n.NodeName != "DEL").Select(n => n.TextContent)));
    }
}
