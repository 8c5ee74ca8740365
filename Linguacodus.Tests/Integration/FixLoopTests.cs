using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Tests.Fakes;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Integration;

/// <summary>The error-fix loop around real sandboxed runs, with a scripted coder.</summary>
public sealed class FixLoopTests : IDisposable
{
    private readonly TestServices _services = new();

    private static Dictionary<CodeStage, string> Program(string training) => new()
    {
        [CodeStage.Preprocessing] = "import json",
        [CodeStage.Architecture] = "model = None",
        [CodeStage.Training] = training,
        [CodeStage.Submission] = "import shutil\nshutil.copy('sample_submission.csv', 'submission.csv')",
    };

    private async Task<RunSnapshot> SolveAsync(ScriptedCodeWriter coder, int maxFixes)
    {
        var baseline = BaselineEngine.Create();
        var pipeline = new RunPipeline(baseline with { Name = "scripted", Coder = coder }, _services.Get<ICodeSandbox>(), new ExecutionOptions { MaxFixes = maxFixes });
        var folder = Path.Combine(_services.DataDirectory, Guid.NewGuid().ToString("N"));
        var task = new RunLayout(folder).ImportTask(Repository.Example("breast-cancer"));
        using var session = new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, "scripted"), new RunLayout(folder), task, pipeline, _services.Get<RunStore>());
        await session.PlanAsync(null, CancellationToken.None);
        await session.ChooseAsync(1, null, CancellationToken.None);
        return session.Run;
    }

    [Fact]
    public async Task Execute_AlwaysFailing_StopsAfterExactlyMaxFixes()
    {
        var broken = "raise RuntimeError('still broken')";
        var coder = new ScriptedCodeWriter(s => Program(broken)[s], n => Program($"# fix {n}\n{broken}"));

        var run = await SolveAsync(coder, maxFixes: 3);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(4, run.Attempts.Count);
        Assert.Equal(3, coder.Fixes);
        Assert.Equal([AttemptTrigger.Generated, AttemptTrigger.Fix, AttemptTrigger.Fix, AttemptTrigger.Fix], run.Attempts.Select(a => a.Trigger));
        Assert.All(run.Attempts, a => Assert.Equal("RuntimeError: still broken", a.Error));
        Assert.Contains("after 3 fix attempts", run.Message);
        Assert.Contains("RuntimeError: still broken", coder.ErrorsSeen[0]);
    }

    [Fact]
    public async Task Execute_FixedOnSecondTry_SucceedsWithScore()
    {
        var good = "print('LINGUACODUS_VALIDATION ' + json.dumps({'metric': 'roc_auc', 'score': 0.75}))";
        var coder = new ScriptedCodeWriter(s => Program("raise KeyError('target')")[s], n => Program(n == 2 ? good : "1/0"));

        var run = await SolveAsync(coder, maxFixes: 3);

        Assert.True(run.Status == RunStatus.Succeeded, run.Message);
        Assert.Equal(3, run.Attempts.Count);
        Assert.Equal(0.75, run.ValidationScore);
        Assert.Equal(good, run.Stages[CodeStage.Training]);
    }

    [Fact]
    public async Task Execute_SubmissionWithWrongRows_CountsAsFailure()
    {
        var training = "print('LINGUACODUS_VALIDATION {\"score\": 0.5}')";
        var truncated = "import pandas as pd\npd.read_csv('sample_submission.csv').head(3).to_csv('submission.csv', index=False)";
        var program = Program(training);
        program[CodeStage.Submission] = truncated;
        var coder = new ScriptedCodeWriter(s => program[s], _ => null);

        var run = await SolveAsync(coder, maxFixes: 2);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Single(run.Attempts);
        Assert.Contains("submission does not match", run.Attempts[0].Error);
        Assert.NotEmpty(run.SubmissionProblems);
    }

    public void Dispose() => _services.Dispose();
}
