using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Tests.Fakes;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using static Linguacodus.Tests.Core.Llm.LlmTestTask;

namespace Linguacodus.Tests.Core.Llm;

/// <summary>The LLM code writer inside the real run pipeline (sandboxed Python, fix loop, budgets), over a scripted model.</summary>
public sealed class LlmRunTests : IDisposable
{
    private const string Score = "import json\nprint('LINGUACODUS_VALIDATION ' + json.dumps({'metric': 'roc_auc', 'score': 0.5}))";
    private const string Copy = "import shutil\nshutil.copy('sample_submission.csv', 'submission.csv')";

    private readonly TestServices _services = new();

    /// <summary>A coder that writes the given stages and answers every fix request with <paramref name="fix"/>(n).</summary>
    private static ScriptedChatClient Coder(string training, Func<int, string> fix)
    {
        var fixes = 0;
        return new ScriptedChatClient(messages =>
        {
            var prompt = messages[0].Text;
            if (prompt.Contains("failed when it ran", StringComparison.Ordinal))
            {
                return [$"```python\n{fix(Interlocked.Increment(ref fixes))}\n```"];
            }
            var code = prompt.Contains("Write the \"Model Training\" block", StringComparison.Ordinal) ? training
                : prompt.Contains("Write the \"Submission\" block", StringComparison.Ordinal) ? Copy
                : "x = 1";
            return [$"```python\n{code}\n```"];
        });
    }

    private async Task<RunSnapshot> SolveAsync(IChatClient coder, int maxFixes, int maxRunSeconds = 0)
    {
        var engine = BaselineEngine.Create() with { Name = "llm:scripted", Coder = new LlmCodeWriter(Remote(coder), PromptLibrary.Default) };
        var pipeline = new RunPipeline(engine, _services.Get<ICodeSandbox>(), new ExecutionOptions { MaxFixes = maxFixes, MaxRunSeconds = maxRunSeconds });
        var id = Guid.NewGuid();
        var folder = Path.Combine(_services.DataDirectory, id.ToString("N"));
        var task = new RunLayout(folder).ImportTask(Repository.Example("breast-cancer"));
        using var session = new RunSession(RunSnapshot.Start(id, task.Task, engine.Name), new RunLayout(folder), task, pipeline, _services.Get<RunStore>());
        await session.PlanAsync(null, Guard());
        await session.ChooseAsync(1, null, Guard());
        return session.Run;
    }

    [Fact]
    public async Task Execute_FixesNeverWork_StopsAfterExactlyMaxFixesWithEveryAttemptKept()
    {
        var coder = Coder("raise RuntimeError('still broken')", n => $"# %% Model Training\n# fix {n}\nraise RuntimeError('still broken')");

        var run = await SolveAsync(coder, maxFixes: 2);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("after 2 fix attempts", run.Message);
        Assert.Equal([AttemptTrigger.Generated, AttemptTrigger.Fix, AttemptTrigger.Fix], run.Attempts.Select(a => a.Trigger));
        Assert.Equal(2, coder.Prompts.Count(p => p.Contains("failed when it ran", StringComparison.Ordinal)));
        Assert.Equal("# fix 2\nraise RuntimeError('still broken')\n", run.Attempts[2].Program[CodeStage.Training]);
        Assert.Equal(run.Attempts[0].Program[CodeStage.Preprocessing], run.Attempts[2].Program[CodeStage.Preprocessing]);
        var fixPrompt = coder.Prompts.First(p => p.Contains("failed when it ran", StringComparison.Ordinal));
        Assert.Contains("RuntimeError: still broken", fixPrompt);
        Assert.Contains("[the Model Training block]", fixPrompt);
    }

    [Fact]
    public async Task Execute_SecondFixWorks_Succeeds()
    {
        var coder = Coder("raise KeyError('target')", n => n == 1 ? "# %% Model Training\n1/0" : $"# %% Model Training\n{Score}");

        var run = await SolveAsync(coder, maxFixes: 3);

        Assert.True(run.Status == RunStatus.Succeeded, run.Message);
        Assert.Equal(3, run.Attempts.Count);
        Assert.Equal(0.5, run.ValidationScore);
    }

    [Fact]
    public async Task Build_StageOverTheTokenBudget_StopsTheRunNamingTheLimit()
    {
        using var budgeted = new TokenBudgetChatClient(new ScriptedChatClient(_ => ["```python\n" + new string('#', 2_000) + "\n```"]), 50);

        var run = await SolveAsync(budgeted, maxFixes: 3);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("Stopped at a budget limit: the Data Preprocessing code reached 50 output tokens, the most one step may write (Inference:Budgets:MaxTokensPerStep).", run.Message);
        Assert.Empty(run.Attempts);
    }

    [Fact]
    public async Task Build_TokensPerStep_RecordedWithTheStepTimes()
    {
        using var counted = new TokenBudgetChatClient(Coder(Score, _ => ""), maxTokensPerStep: 0);

        var run = await SolveAsync(counted, maxFixes: 0);

        Assert.True(run.Status == RunStatus.Succeeded, run.Message);
        // The scripted model gives no usage, so tokens are estimated at four characters each.
        var training = Assert.Single(run.Timings, t => t.Step == "code: training");
        Assert.Equal(($"```python\n{Score}\n```".Length + 3) / 4, training.OutputTokens);
        Assert.True(training.InputTokens > 500, $"{training.InputTokens} prompt tokens");
        Assert.All(run.Timings.Where(t => !t.Step.StartsWith("code: ", StringComparison.Ordinal)), t => Assert.Null(t.OutputTokens));
        Assert.Contains("\"output_tokens\"", await File.ReadAllTextAsync(Path.Combine(_services.DataDirectory, run.Id.ToString("N"), "run.json")));
    }

    [Fact]
    public async Task Build_CoderHangsPastTheRunBudget_StopsTheRunNamingTheLimit()
    {
        var hanging = new ScriptedChatClient((_, cancellationToken) => ScriptedChatClient.Blocking(cancellationToken));

        var run = await SolveAsync(hanging, maxFixes: 3, maxRunSeconds: 4);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("Stopped at a budget limit: the run used its 4 seconds of working time (Execution:MaxRunSeconds).", run.Message);
    }

    [Fact]
    public async Task Execute_ProgramOutlivesTheRunBudget_StopsItAndNamesTheLimit()
    {
        var run = await SolveAsync(Coder("import time\ntime.sleep(120)", _ => ""), maxFixes: 3, maxRunSeconds: 6);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.StartsWith("Stopped at a budget limit: the run used its 6 seconds", run.Message);
        Assert.True(run.Attempts.Count <= 1, "no fix after the budget is spent");
    }

    public void Dispose() => _services.Dispose();
}
