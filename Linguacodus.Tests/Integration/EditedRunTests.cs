using System.Text.Json.Nodes;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Integration;

/// <summary>The analyst's edit of one stage, run again in the real sandbox: only that stage and those after it run.</summary>
public sealed class EditedRunTests : IDisposable
{
    private readonly TestServices _services = new();

    [Fact]
    public async Task RunEdited_SubmissionStageChanged_RestoresTheEarlierStagesAndKeepsTheScore()
    {
        var folder = Path.Combine(_services.DataDirectory, "run");
        var task = new RunLayout(folder).ImportTask(Repository.Example("breast-cancer"));
        var pipeline = new RunPipeline(BaselineEngine.Create(), _services.Get<ICodeSandbox>(), new ExecutionOptions());
        using var session = new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, "baseline"), new RunLayout(folder), task, pipeline, _services.Get<RunStore>());
        await session.PlanAsync(null, CancellationToken.None);
        await session.ChooseAsync(1, null, CancellationToken.None);
        Assert.True(session.Run.Status == RunStatus.Succeeded, session.Run.Message);
        var stages = session.Run.Stages.ToDictionary();
        stages[CodeStage.Submission] += "\nprint('edited submission ran')\n";

        await session.RunEditedAsync(stages, CancellationToken.None);

        var run = session.Run;
        Assert.True(run.Status == RunStatus.Succeeded, run.Message);
        var (first, edited) = (run.Attempts[0], run.Attempts[1]);
        Assert.Equal(AttemptTrigger.Edit, edited.Trigger);
        Assert.Equal(first.Score, edited.Score);
        var log = string.Join("\n", edited.Log.Select(l => $"{l.Cell} {(l.IsError ? "!" : "|")} {l.Text}"));
        foreach (var cell in new[] { 1, 2, 3 })
        {
            Assert.True(edited.Log.FirstOrDefault(l => l.Cell == cell)?.Text == OutputLine.RestoredNote, log);
        }
        Assert.Contains(edited.Log, l => l.Cell == 4 && l.Text == "edited submission ran");
        // The notebook shows what the restored stages printed when they last ran, not the note.
        var notebook = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "solution.ipynb")))!;
        var training = notebook["cells"]![3]!["outputs"]!.ToJsonString();
        Assert.Contains("LINGUACODUS_VALIDATION", training);
        Assert.DoesNotContain("restored from its saved state", notebook.ToJsonString());
    }

    public void Dispose() => _services.Dispose();
}
