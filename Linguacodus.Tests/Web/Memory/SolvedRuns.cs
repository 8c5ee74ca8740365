using Linguacodus.Core.Engine;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Runs;

namespace Linguacodus.Tests.Web.Memory;

/// <summary>
/// Cases for the memory's pages without Python: a real example run is planned (profile, candidates, verdict), then
/// given the code, execution and score a finished run has, saved as a run of its own and remembered.
/// </summary>
internal static class SolvedRuns
{
    public static async Task<SolvedCase> RememberAsync(AppServices app, string example, double score, string? title = null)
    {
        var planned = await app.StartExampleAsync(example);
        var run = planned.Run with { Id = Guid.NewGuid(), Task = planned.Run.Task with { Title = title ?? planned.Run.Task.Title } };
        RunUpdate[] updates =
        [
            new RunUpdate.InstructionChosen(1, run.Candidates[0]),
            .. CodeStages.All.Select(s => new RunUpdate.StageReplaced(s, $"print('{s.Slug()}')\n")),
            new RunUpdate.AttemptStarted(1, AttemptTrigger.Generated),
            new RunUpdate.AttemptFinished(0, null, score, TimeSpan.FromSeconds(1)),
            new RunUpdate.StatusChanged(RunStatus.Succeeded, "Done"),
        ];
        var solved = updates.Aggregate(run, (snapshot, update) => update.ApplyTo(snapshot));
        await app.Store.SaveAsync(solved, planned.Layout.Root, CancellationToken.None);
        return await app.Memory.RememberAsync(solved, CancellationToken.None)
            ?? throw new InvalidOperationException("The solved run was not remembered.");
    }
}
