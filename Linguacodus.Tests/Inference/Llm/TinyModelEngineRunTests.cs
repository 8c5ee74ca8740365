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
        var backend = Backend(8_192, maxOutputTokens: 48);
        await using var llama = new LlamaModel(backend);
        using var chat = new LlamaChatClient(llama);
        using var session = Session(chat, backend);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        await session.PlanAsync(null, timeout.Token);
        Assert.True(session.Run.Status == RunStatus.AwaitingChoice, session.Run.Message);
        await session.ChooseAsync(0, null, timeout.Token);
        var run = session.Run;

        foreach (var timing in run.Timings)
        {
            output.WriteLine($"{timing.Step}: {timing.Seconds:0.000} s, {timing.InputTokens} prompt + {timing.OutputTokens} output tokens");
        }
        output.WriteLine($"{run.Status}: {run.Message}");
        Assert.Equal("llm:local", run.Engine);
        Assert.Equal(3, run.Candidates.Count(c => c.Length > 0));
        Assert.NotEmpty(run.Critique);
        Assert.InRange(run.Verdict!.ChosenIndex, 1, 3);
        Assert.Equal(CodeStages.All, run.Stages.Keys.Order());
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal([AttemptTrigger.Generated, AttemptTrigger.Fix], run.Attempts.Select(a => a.Trigger));
        Assert.All(run.Attempts, a => Assert.NotNull(a.Error));
        Assert.Contains("after 1 fix attempts", run.Message);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(session.Layout.Root, "run.json")));
        Assert.Equal(2, report.RootElement.GetProperty("attempts").GetArrayLength());
        // Every step that called the model records the tokens llama.cpp counted for it.
        Assert.All(run.Timings.Where(t => t.Step is "instructions" or "judge" || t.Step.StartsWith("code: ", StringComparison.Ordinal) || t.Step.StartsWith("fix: ", StringComparison.Ordinal)),
            t => Assert.True(t.InputTokens > 0 && t.OutputTokens > 0, $"{t.Step}: {t.InputTokens} + {t.OutputTokens} tokens"));
    }

    /// <summary>
    /// A whole run with a fix in contexts far smaller than its whole prompts (up to 8,600 tokens here: this vocabulary
    /// takes about one token per character, four times a Llama tokenizer's count): every prompt is shortened to fit with
    /// room for its answer, so the run never stops for prompt length. It still fails, for the reason the nonsense code
    /// gives, after its fix.
    /// </summary>
    [Theory]
    [InlineData(3_072)]
    [InlineData(4_096)]
    public async Task Run_TinyModelInASmallContext_EveryPromptFitsAndTheRunEndsForItsCode(int contextSize)
    {
        var backend = Backend(contextSize, maxOutputTokens: 512);
        await using var llama = new LlamaModel(backend);
        using var chat = new CallRecorder(new LlamaChatClient(llama));
        using var session = Session(chat, backend);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        await session.PlanAsync(null, timeout.Token);
        Assert.True(session.Run.Status == RunStatus.AwaitingChoice, session.Run.Message);
        await session.ChooseAsync(0, null, timeout.Token);
        var run = session.Run;

        foreach (var timing in run.Timings)
        {
            output.WriteLine($"{timing.Step}: {timing.InputTokens} prompt + {timing.OutputTokens} output tokens");
        }
        output.WriteLine($"{run.Status}: {run.Message}");
        Assert.DoesNotContain("context", run.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal([AttemptTrigger.Generated, AttemptTrigger.Fix], run.Attempts.Select(a => a.Trigger));
        Assert.All(run.Attempts, a => Assert.NotNull(a.Error));
        Assert.Contains("after 1 fix attempts", run.Message);
        // Every call, the fix's among them, left room in the context for the whole answer it asked for.
        Assert.Contains(chat.Calls, c => c.Step == "the fix of the program");
        Assert.All(chat.Calls, c => Assert.True(c.PromptTokens + c.MaxOutputTokens <= contextSize, $"{c.Step}: {c.PromptTokens} + {c.MaxOutputTokens} tokens"));
        output.WriteLine(string.Join("\n", chat.Calls.Select(c => $"{c.Step}: {c.PromptTokens} prompt tokens, answer up to {c.MaxOutputTokens}")));
    }

    /// <summary>
    /// Below the bare prompts' size (about 1,400 tokens for the researcher and 1,900 for the resolver in this vocabulary)
    /// the run stops at the step that cannot fit, with the reason and the setting, not llama.cpp's error.
    /// </summary>
    [Fact]
    public async Task Run_TinyModelInAContextBelowTheBarePrompts_FailsNamingTheContextAndTheSetting()
    {
        var backend = Backend(1_024, maxOutputTokens: 512);
        await using var llama = new LlamaModel(backend);
        using var chat = new CallRecorder(new LlamaChatClient(llama));
        using var session = Session(chat, backend);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        await session.PlanAsync(null, timeout.Token);

        output.WriteLine(session.Run.Message);
        Assert.Equal(RunStatus.Failed, session.Run.Status);
        Assert.Contains("does not fit the model's context of 1,024 tokens", session.Run.Message);
        Assert.Contains("ContextSize", session.Run.Message);
        // The steps before it fitted by shortening their answers instead; none was sent too long.
        Assert.All(chat.Calls, c => Assert.True(c.PromptTokens + c.MaxOutputTokens <= 1_024, $"{c.Step}: {c.PromptTokens} + {c.MaxOutputTokens} tokens"));
    }

    [Fact]
    public async Task Judge_TinyModelHeldToTheGrammar_GivesAReadableVerdict()
    {
        var backend = Backend(4_096, maxOutputTokens: 16);
        await using var llama = new LlamaModel(backend);
        using var chat = new LlamaChatClient(llama);
        var researcher = new LlmRole("local", chat, new ChatOptions { MaxOutputTokens = 16, Temperature = 0 }, LlamaChatClient.GrammarKey);
        // Room for the grammar's longest object, so the answer is never cut: every answer then parses.
        var resolver = researcher with { Options = new ChatOptions { MaxOutputTokens = 2_048, Temperature = 0 } };
        var task = Linguacodus.Core.Tasks.TaskFolder.Load(Repository.Example("co2-forecast"));
        string[] candidates = ["Data Preprocessing:\n- a\nModel Architecture:\n- b\nModel Training:\n- c", "Data Preprocessing:\n- d", "Model Training:\n- e"];

        var verdict = await new LlmJudge(researcher, resolver, PromptLibrary.Default)
            .JudgeAsync(task.Task, Linguacodus.Core.Data.DataProfiler.Profile(task), candidates, [], _ => { }, CancellationToken.None);

        output.WriteLine(JsonSerializer.Serialize(verdict));
        Assert.InRange(verdict.ChosenIndex, 1, 3);
        Assert.DoesNotContain("could not be read", verdict.Reasons);
        Assert.Empty(Linguacodus.Core.Instructions.Instruction.Parse(verdict.ImprovedInstruction).MissingSections);
    }

    public void Dispose() => _services.Dispose();

    private BackendOptions Backend(int contextSize, int maxOutputTokens) => new()
    {
        Name = "local",
        ModelPath = model.ModelPath,
        ContextSize = contextSize,
        Threads = 1,
        MaxOutputTokens = maxOutputTokens,
        Temperature = 0,
    };

    /// <summary>A session of a new run of the co2 example with every role on <paramref name="chat"/>, one fix allowed.</summary>
    private RunSession Session(IChatClient chat, BackendOptions backend)
    {
        var engine = LlmEngine.Create(chat, backend);
        var pipeline = new RunPipeline(engine, _services.Get<ICodeSandbox>(), new ExecutionOptions { MaxFixes = 1 });
        var layout = new RunLayout(Path.Combine(_services.DataDirectory, "run"));
        var task = layout.ImportTask(Repository.Example("co2-forecast"));
        return new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, engine.Name), layout, task, pipeline, _services.Get<RunStore>());
    }

    /// <summary>Records each call's step, prompt tokens (as llama.cpp counted them) and the answer's token limit.</summary>
    private sealed class CallRecorder(IChatClient inner) : DelegatingChatClient(inner)
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Step, long PromptTokens, int MaxOutputTokens)> Calls { get; } = new();

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            long prompt = 0;
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                prompt = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details.InputTokenCount ?? prompt;
                yield return update;
            }
            var step = options?.AdditionalProperties?.TryGetValue(LlmRole.StepKey, out string? name) == true ? name! : "?";
            Calls.Enqueue((step, prompt, options?.MaxOutputTokens ?? 0));
        }
    }
}
