using Linguacodus.Core.Runs;

namespace Linguacodus.Tests.Web.Runs;

/// <summary>Deleting a run and trying a run's plan again, over the real host, store and baseline engine.</summary>
public sealed class RunHostWorkbenchTests : AppComponentTest
{
    [Fact]
    public async Task DeleteAsync_IdleRun_RemovesRowAndFolderButNotWhatALinkPointsTo()
    {
        var session = await App.StartExampleAsync("diabetes-progression");
        var outside = Directory.CreateTempSubdirectory("linguacodus-outside-").FullName;
        await File.WriteAllTextAsync(Path.Combine(outside, "keep.txt"), "keep");
        Directory.CreateSymbolicLink(Path.Combine(session.Layout.Root, "work-link"), outside);

        await App.Runs.DeleteAsync(session.Run.Id);

        Assert.Null(await App.Store.LoadAsync(session.Run.Id, CancellationToken.None));
        Assert.False(Directory.Exists(session.Layout.Root));
        Assert.Null(await App.Runs.GetAsync(session.Run.Id));
        Assert.True(File.Exists(Path.Combine(outside, "keep.txt")));
        Directory.Delete(outside, recursive: true);
    }

    [Fact]
    public async Task DeleteAsync_RunJustToldToWriteCode_RefusedAndKept()
    {
        var session = await App.StartExampleAsync("diabetes-progression");
        await App.Runs.ChooseAsync(session.Run.Id, 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => App.Runs.DeleteAsync(session.Run.Id));

        Assert.Contains("still working", error.Message);
        Assert.NotNull(await App.Store.LoadAsync(session.Run.Id, CancellationToken.None));
        Assert.True(Directory.Exists(session.Layout.Root));
    }

    [Fact]
    public async Task DeleteAsync_UnknownRun_NotFound()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => App.Runs.DeleteAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task DuplicateAsync_PlannedRun_NewRunWithTheSamePlanWritesCodeFromTheChosenCandidate()
    {
        var source = await App.StartExampleAsync("breast-cancer");

        var id = await App.Runs.DuplicateAsync(source.Run.Id, 3);

        Assert.NotEqual(source.Run.Id, id);
        var copy = (await App.Runs.SessionAsync(id))!;
        await WaitForChoiceAsync(copy);
        await AppServices.WaitUntilIdleAsync(copy);
        Assert.Equal(source.Run.Candidates, copy.Run.Candidates);
        Assert.Equal(source.Run.Verdict, copy.Run.Verdict);
        Assert.Equal(source.Run.Critique, copy.Run.Critique);
        Assert.Equal(source.Run.Profile!.TargetColumn, copy.Run.Profile!.TargetColumn);
        Assert.Equal(3, copy.Run.ChosenIndex);
        Assert.Equal(source.Run.Candidates[2], copy.Run.ChosenInstruction);
        Assert.NotEmpty(copy.Run.Stages);
        Assert.DoesNotContain(copy.Run.Timings, t => t.Step.StartsWith("code", StringComparison.Ordinal) && source.Run.Timings.Contains(t));
        Assert.NotEqual(source.Layout.Root, copy.Layout.Root);
        Assert.Equal(
            Directory.EnumerateFiles(Path.Combine(source.Layout.Root, "task")).Select(Path.GetFileName).Order(),
            Directory.EnumerateFiles(Path.Combine(copy.Layout.Root, "task")).Select(Path.GetFileName).Order());
        // The source run is untouched.
        Assert.Equal(RunStatus.AwaitingChoice, (await App.Runs.GetAsync(source.Run.Id))!.Status);
        Assert.Equal(2, (await App.Runs.ListAsync()).Count);
    }

    [Fact]
    public async Task DuplicateAsync_AgentsChoice_TakesTheImprovedInstruction()
    {
        var source = await App.StartExampleAsync("breast-cancer");

        var id = await App.Runs.DuplicateAsync(source.Run.Id, 0);

        var copy = (await App.Runs.SessionAsync(id))!;
        Assert.Equal(0, copy.Run.ChosenIndex ?? (await WaitForChoiceAsync(copy)));
        Assert.Equal(source.Run.Verdict!.ImprovedInstruction, copy.Run.ChosenInstruction);
        copy.Stop();
    }

    [Fact]
    public async Task DuplicateAsync_NoCandidateOfThatNumber_Refused()
    {
        var source = await App.StartExampleAsync("breast-cancer");

        await Assert.ThrowsAsync<InvalidOperationException>(() => App.Runs.DuplicateAsync(source.Run.Id, 4));
    }

    /// <summary>The candidate the run took, once the update that records it arrives (or has arrived).</summary>
    private static async Task<int> WaitForChoiceAsync(RunSession session)
    {
        var chosen = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (session.Run.ChosenIndex is { } index)
            {
                chosen.TrySetResult(index);
            }
        }
        void OnUpdated(RunUpdate update) => Check();
        session.Updated += OnUpdated;
        try
        {
            Check();
            return await chosen.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            session.Updated -= OnUpdated;
        }
    }
}
