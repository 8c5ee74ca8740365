using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Inference;
using Linguacodus.Inference.Configuration;
using Linguacodus.Inference.LlamaSharp;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace Linguacodus.Tests.Inference.Llm;

/// <summary>
/// One whole run of the LLM engine on the real local runtime with the tiny test model, through the run session and the
/// sandbox. The model writes nonsense, so the run cannot succeed; it must end cleanly with every step recorded.
/// </summary>
[Collection(TinyModelFixture.Name)]
[Trait("Category", "RequiresModel")]
public sealed class TinyModelEngineRunTests(TinyModelFixture model, ITestOutputHelper output) : IDisposable
{
    private readonly TestServices _services = new();

    [Fact]
    public async Task Run_TinyModel_EndsCleanlyWithCandidatesVerdictStagesAndEveryAttempt()
    {
        var backend = new BackendOptions
        {
            Name = "local",
            ModelPath = model.ModelPath,
            ContextSize = 8_192,
            Threads = 1,
            MaxOutputTokens = 48,
            Temperature = 0,
        };
        await using var llama = new LlamaModel(backend);
        using var chat = new StepMeter(new LlamaChatClient(llama));
        var engine = LlmEngine.Create(chat, backend);
        var pipeline = new RunPipeline(engine, _services.Get<ICodeSandbox>(), new ExecutionOptions { MaxFixes = 1 });
        var folder = Path.Combine(_services.DataDirectory, "run");
        var task = RunSession.ImportTask(Repository.Example("co2-forecast"), folder);
        using var session = new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, engine.Name), folder, task, pipeline, _services.Get<RunStore>());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        await session.PlanAsync(null, timeout.Token);
        Assert.True(session.Run.Status == RunStatus.AwaitingChoice, session.Run.Message);
        await session.ChooseAsync(0, null, timeout.Token);
        var run = session.Run;

        foreach (var step in chat.Steps)
        {
            output.WriteLine(step);
        }
        foreach (var timing in run.Timings)
        {
            output.WriteLine($"{timing.Step}: {timing.Seconds:0.000} s");
        }
        output.WriteLine($"{run.Status}: {run.Message}");
        Assert.Equal("llm:local", run.Engine);
        Assert.Equal(3, run.Candidates.Count(c => c.Length > 0));
        Assert.NotEmpty(run.Critique);
        Assert.InRange(run.Verdict!.ChosenIndex, 1, 3);
        Assert.Equal(CodeStages.All, run.Stages.Keys.Order());
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(["generated", "fix"], run.Attempts.Select(a => a.Trigger));
        Assert.All(run.Attempts, a => Assert.NotNull(a.Error));
        Assert.Contains("after 1 fix attempts", run.Message);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json")));
        Assert.Equal(2, report.RootElement.GetProperty("attempts").GetArrayLength());
    }

    [Fact]
    public async Task Judge_TinyModelHeldToTheGrammar_GivesAReadableVerdict()
    {
        var backend = new BackendOptions { Name = "local", ModelPath = model.ModelPath, ContextSize = 4_096, Threads = 1, MaxOutputTokens = 16, Temperature = 0 };
        await using var llama = new LlamaModel(backend);
        using var chat = new LlamaChatClient(llama);
        var researcher = new LlmRole("local", chat, new ChatOptions { MaxOutputTokens = 16, Temperature = 0 }, LlamaChatClient.GrammarKey);
        // Room for the grammar's longest object, so the answer is never cut: every answer then parses.
        var resolver = researcher with { Options = new ChatOptions { MaxOutputTokens = 2_048, Temperature = 0 } };
        var task = Linguacodus.Core.Tasks.TaskFolder.Load(Repository.Example("co2-forecast"));
        string[] candidates = ["Data Preprocessing:\n- a\nModel Architecture:\n- b\nModel Training:\n- c", "Data Preprocessing:\n- d", "Model Training:\n- e"];

        var verdict = await new LlmJudge(researcher, resolver, PromptLibrary.Default)
            .JudgeAsync(task.Task, Linguacodus.Core.Data.DataProfiler.Profile(task), candidates, _ => { }, CancellationToken.None);

        output.WriteLine(JsonSerializer.Serialize(verdict));
        Assert.InRange(verdict.ChosenIndex, 1, 3);
        Assert.DoesNotContain("could not be read", verdict.Reasons);
        Assert.Empty(Linguacodus.Core.Instructions.Instruction.Parse(verdict.ImprovedInstruction).MissingSections);
    }

    public void Dispose() => _services.Dispose();

    /// <summary>Notes each call's step, prompt and output tokens and time, for the report on the run.</summary>
    private sealed class StepMeter(IChatClient inner) : DelegatingChatClient(inner)
    {
        public ConcurrentQueue<string> Steps { get; } = new();

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var clock = Stopwatch.StartNew();
            UsageDetails? usage = null;
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
                yield return update;
            }
            var step = options?.AdditionalProperties?.TryGetValue(LlmRole.StepKey, out string? name) == true ? name : "?";
            Steps.Enqueue($"{step}: {usage?.InputTokenCount} prompt + {usage?.OutputTokenCount} output tokens, {clock.Elapsed.TotalSeconds:0.000} s");
        }
    }
}
