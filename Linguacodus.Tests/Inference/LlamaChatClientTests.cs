using System.Diagnostics;
using System.Text;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Instructions;
using Linguacodus.Inference.Configuration;
using Linguacodus.Inference.LlamaSharp;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace Linguacodus.Tests.Inference;

/// <summary>
/// The local back end end to end over the tiny GGUF model: streaming, usage, sampling, grammar, LoRA, cancellation,
/// the shared batch with its admission queue, and load failures. The tiny model never emits end-of-sequence
/// unprompted, so without a grammar or stop sequence every answer runs to its token limit.
/// </summary>
/// <remarks>
/// Batched greedy output is not token-for-token equal to sequential output (logits move with the batch size), so
/// the batch tests check what is guaranteed: identical prompts in one batch agree, a batched run repeats exactly,
/// and sequences finish and cancel independently.
/// </remarks>
[Collection(TinyModelFixture.Name)]
[Trait("Category", "RequiresModel")]
public sealed class LlamaChatClientTests(TinyModelFixture model, ITestOutputHelper output) : IDisposable
{
    private const string System = "You write plans.";
    private const string User = "Write the data preprocessing plan for the model:";

    /// <summary>What the tiny model's (Llama 2) chat template makes of <see cref="Messages"/>.</summary>
    private const string FormattedPrompt = "[INST] <<SYS>>\nYou write plans.\n<</SYS>>\n\nWrite the data preprocessing plan for the model: [/INST]";

    private static readonly ChatMessage[] Messages = [new(ChatRole.System, System), new(ChatRole.User, User)];

    /// <summary>A guard so a hang fails the test instead of the run.</summary>
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Token => _timeout.Token;

    [Fact]
    public async Task GetStreamingResponseAsync_Greedy_StreamsTextThenUsageWithRightCounts()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);
        var loaded = await llama.ReadyAsync(Token);
        var promptTokens = loaded.Weights.Tokenize(FormattedPrompt, add_bos: true, special: true, Encoding.UTF8).Length;
        var clock = Stopwatch.StartNew();
        TimeSpan? firstToken = null;

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Messages, Greedy(64), Token))
        {
            firstToken ??= clock.Elapsed;
            updates.Add(update);
        }

        clock.Stop();
        output.WriteLine(
            $"load {llama.LoadTime.TotalMilliseconds:F0} ms, prompt {promptTokens} tokens, first token {firstToken?.TotalMilliseconds:F1} ms, "
            + $"64 tokens in {clock.Elapsed.TotalMilliseconds:F0} ms ({64 / clock.Elapsed.TotalSeconds:F0} tokens/s)");
        var text = updates.SkipLast(1).ToList();
        Assert.Equal(64, text.Count);
        Assert.All(text, u => Assert.NotEmpty(u.Text));
        Assert.All(text, u => Assert.Empty(u.Contents.OfType<UsageContent>()));
        Assert.False(string.IsNullOrWhiteSpace(string.Concat(text.Select(u => u.Text))));
        var usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents));
        Assert.Equal(promptTokens, usage.Details.InputTokenCount);
        Assert.Equal(64, usage.Details.OutputTokenCount);
        Assert.Equal(promptTokens + 64, usage.Details.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
        Assert.Single(updates.Select(u => u.ResponseId).Distinct());
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
    }

    [Fact]
    public async Task GetResponseAsync_Greedy_EqualsConcatenatedStream()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);

        var streamed = await StreamAsync(client, Messages, Greedy(48));
        var response = await client.GetResponseAsync(Messages, Greedy(48), Token);

        Assert.Equal(string.Concat(streamed.Select(u => u.Text)), response.Text);
        Assert.Equal(48, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_GreedyTwice_GivesSameText()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);

        var first = await client.GetResponseAsync(Messages, Greedy(48), Token);
        var second = await client.GetResponseAsync(Messages, Greedy(48), Token);

        Assert.False(string.IsNullOrWhiteSpace(first.Text));
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task GetResponseAsync_SameSeedTwice_GivesSameSampledText()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);
        ChatOptions Sampled(long seed) => new() { Temperature = 1.5f, Seed = seed, MaxOutputTokens = 48 };

        var first = await client.GetResponseAsync(Messages, Sampled(7), Token);
        var again = await client.GetResponseAsync(Messages, Sampled(7), Token);
        var other = await client.GetResponseAsync(Messages, Sampled(8), Token);

        Assert.Equal(first.Text, again.Text);
        Assert.NotEqual(first.Text, other.Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CancelledMidStream_ThrowsQuicklyAndModelKeepsWorking()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);
        var before = await client.GetResponseAsync(Messages, Greedy(32), Token);
        var scheduler = (await llama.ReadyAsync(Token)).Scheduler;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        long stepsAtCancel = 0;
        var received = 0;
        var afterCancel = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Messages, Greedy(1_500), cancellation.Token))
            {
                received++;
                if (cancellation.IsCancellationRequested)
                {
                    afterCancel++;
                }
                else if (received == 5)
                {
                    stepsAtCancel = scheduler.State.Steps;
                    await cancellation.CancelAsync();
                }
            }
        });

        // Quickly means in decode steps, which a busy machine cannot stretch: the loop notices at its next step.
        var stepsAfter = (await scheduler.WhenAsync(s => s.Active == 0, Token)).Steps - stepsAtCancel;
        output.WriteLine($"cancelled after {received} updates ({afterCancel} after the cancel); {stepsAfter} decode steps after the cancel");
        Assert.InRange(stepsAfter, 0, 3);
        Assert.True(received < 1_000, $"{received} updates: the sequence ran on after the cancel");
        var after = await client.GetResponseAsync(Messages, Greedy(32), Token);
        Assert.Equal(before.Text, after.Text);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledBeforeStart_ThrowsOperationCanceled()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);
        await llama.ReadyAsync(Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Messages, Greedy(32), new CancellationToken(canceled: true)));

        Assert.NotEmpty((await client.GetResponseAsync(Messages, Greedy(8), Token)).Text);
    }

    [Fact]
    public async Task GetResponseAsync_GbnfGrammar_ConstrainsTextAndStops()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);
        // Bounded words: a random model may never choose to end an unbounded [a-z]+.
        var options = Greedy(200);
        options.AdditionalProperties = new() { [LlamaChatClient.GrammarKey] = """root ::= "Data Preprocessing:" ( " " [a-z]{1,8} ){3}""" };

        var response = await client.GetResponseAsync(Messages, options, Token);

        output.WriteLine(response.Text);
        Assert.Matches("^Data Preprocessing:( [a-z]{1,8}){3}$", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_InstructionGrammar_ParsesAsThreeRequiredSections()
    {
        await using var llama = Model(contextSize: 4_096);
        using var client = new LlamaChatClient(llama);
        var options = Greedy(1_500);
        options.AdditionalProperties = new() { [LlamaChatClient.GrammarKey] = InstructionGrammar.Gbnf };
        var clock = Stopwatch.StartNew();

        var response = await client.GetResponseAsync(Messages, options, Token);

        output.WriteLine($"{response.Usage?.OutputTokenCount} tokens in {clock.ElapsedMilliseconds} ms:\n{response.Text}");
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var instruction = Instruction.Parse(response.Text);
        Assert.Empty(instruction.MissingSections);
        Assert.Equal(Instruction.RequiredHeadings, instruction.Sections.Select(s => s.Heading));
        Assert.All(instruction.Sections, s => Assert.InRange(s.Bullets.Count, 1, 4));
    }

    [Fact]
    public async Task GetResponseAsync_LoraAdapter_ChangesGreedyText()
    {
        await using var plain = Model();
        await using var adapted = Model(adapters: [new LoraAdapterOptions { Path = model.AdapterPath, Scale = 1f }]);
        using var plainClient = new LlamaChatClient(plain);
        using var adaptedClient = new LlamaChatClient(adapted);

        var withoutAdapter = await plainClient.GetResponseAsync(Messages, Greedy(32), Token);
        var withAdapter = await adaptedClient.GetResponseAsync(Messages, Greedy(32), Token);
        var withAdapterAgain = await adaptedClient.GetResponseAsync(Messages, Greedy(32), Token);

        output.WriteLine($"plain:   {withoutAdapter.Text}\nadapted: {withAdapter.Text}");
        Assert.NotEqual(withoutAdapter.Text, withAdapter.Text);
        Assert.Equal(withAdapter.Text, withAdapterAgain.Text);
    }

    [Fact]
    public async Task GetResponseAsync_ThreeIdenticalInOneBatch_AgreeAndRepeat()
    {
        var first = await BatchedTrioAsync();
        var second = await BatchedTrioAsync();

        output.WriteLine(first[0]);
        Assert.False(string.IsNullOrWhiteSpace(first[0]));
        Assert.Equal(first[0], first[1]);
        Assert.Equal(first[0], first[2]);
        Assert.Equal(first, second);
    }

    /// <summary>
    /// Eight callers in a context that holds four of them: sent together with a first request that fills the context,
    /// they all queue behind it, and when it ends they go through as many at a time as fit. The scheduler's own counts
    /// are checked, not a poll. Each call is in the queue when it returns, so the first request (a thousand decode
    /// steps) cannot end before all eight are queued.
    /// </summary>
    [Fact]
    public async Task GetResponseAsync_EightCallersInSmallContext_AllCompleteThroughTheQueue()
    {
        const int ContextSize = 1_024, Tokens = 200;
        await using var llama = Model(contextSize: ContextSize);
        using var client = new LlamaChatClient(llama);
        var scheduler = (await llama.ReadyAsync(Token)).Scheduler;

        var blocker = client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hold")], Greedy(100_000), Token);
        var calls = Enumerable.Range(1, 8)
            .Select(i => client.GetResponseAsync([new ChatMessage(ChatRole.User, $"Plan {i}: write the training plan for task {i}.")], Greedy(Tokens), Token))
            .ToList();
        var responses = await Task.WhenAll(calls);
        await blocker;

        var state = scheduler.State;
        var perCall = Assert.Single(responses.Select(r => r.Usage?.TotalTokenCount).Distinct());
        output.WriteLine($"8 x {Tokens} tokens; {perCall} tokens each; at most {state.MostWaiting} queued and {state.MostActive} decoded together");
        Assert.Equal(8, state.MostWaiting);
        Assert.Equal(ContextSize / perCall, state.MostActive);
        Assert.All(responses, r =>
        {
            Assert.Equal(Tokens, r.Usage?.OutputTokenCount);
            Assert.False(string.IsNullOrWhiteSpace(r.Text));
        });
        Assert.Equal(0, llama.Queued);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_OneOfThreeCancelled_OthersComplete()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);
        await llama.ReadyAsync(Token);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var first = client.GetResponseAsync(Messages, Greedy(96), Token);
        var cancelled = Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            var received = 0;
            await foreach (var update in client.GetStreamingResponseAsync(Messages, Greedy(96), cancellation.Token))
            {
                if (++received == 8)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        var third = client.GetResponseAsync(Messages, Greedy(96), Token);

        await cancelled;
        // Not compared with each other: the two may enter the batch at different steps, and batch shape moves logits.
        Assert.Equal(96, (await first).Usage?.OutputTokenCount);
        Assert.Equal(96, (await third).Usage?.OutputTokenCount);
        Assert.False(string.IsNullOrWhiteSpace((await third).Text));
    }

    /// <summary>
    /// A caller that gives up while queued gets its cancellation at once, even when it is not at the head of the queue:
    /// here the first request holds the whole 16K context, so the queue does not move for seconds.
    /// </summary>
    [Fact]
    public async Task GetResponseAsync_CancelledWhileQueuedBehindAnother_ThrowsQuickly()
    {
        await using var llama = Model(contextSize: 16_384);
        using var client = new LlamaChatClient(llama);
        var scheduler = (await llama.ReadyAsync(Token)).Scheduler;
        using var blocking = CancellationTokenSource.CreateLinkedTokenSource(Token);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var blocker = client.GetResponseAsync(Messages, Greedy(100_000), blocking.Token);
        await scheduler.WhenAsync(s => s.Active == 1, Token);
        var patient = client.GetResponseAsync(Messages, Greedy(8), blocking.Token);
        var impatient = client.GetResponseAsync(Messages, Greedy(8), giveUp.Token);
        var queued = await scheduler.WhenAsync(s => s.Waiting == 2, Token);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);

        // It ended while the queue had not moved: the first request still runs and the other caller still waits.
        var steps = scheduler.State.Steps - queued.Steps;
        output.WriteLine($"queued caller ended {steps} decode steps after it queued");
        Assert.False(blocker.IsCompleted, "the first request ended before the cancelled caller did");
        Assert.False(patient.IsCompleted, "the other queued caller was admitted before the cancelled caller ended");
        Assert.Equal(1, scheduler.State.Waiting);
        await blocking.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(blocker, patient));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MaxOutputTokens_StopsThereWithFinishReasonLength()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);

        var updates = await StreamAsync(client, Messages, Greedy(17));

        Assert.Equal(17, updates.Count(u => u.Text.Length > 0));
        Assert.Equal(17, updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_NoMaxOutputTokens_UsesBackendMaxOutputTokens()
    {
        await using var llama = new LlamaModel(Options(maxOutputTokens: 21));
        using var client = new LlamaChatClient(llama);

        var response = await client.GetResponseAsync(Messages, null, Token);

        Assert.Equal(21, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    /// <summary>When the context, not MaxOutputTokens, ends the answer, the answer was still cut off: Length, not Stop.</summary>
    [Fact]
    public async Task GetResponseAsync_ContextFullBeforeMaxOutputTokens_FinishReasonIsLength()
    {
        await using var llama = Model(contextSize: 256);
        using var client = new LlamaChatClient(llama);

        var response = await client.GetResponseAsync(Messages, Greedy(1_000), Token);

        Assert.Equal(256, response.Usage?.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_PromptLongerThanContext_ThrowsNamingContextSize()
    {
        await using var llama = Model(contextSize: 256);
        using var client = new LlamaChatClient(llama);
        var longPrompt = string.Join(' ', Enumerable.Repeat("impute the missing values of each numeric column", 20));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            client.GetResponseAsync([new ChatMessage(ChatRole.User, longPrompt)], Greedy(16), Token));

        output.WriteLine(error.Message);
        Assert.Contains("ContextSize", error.Message);
        Assert.Contains("256", error.Message);
        Assert.NotEmpty((await client.GetResponseAsync(Messages, Greedy(8), Token)).Text);
    }

    [Fact]
    public async Task GetResponseAsync_StopSequenceOfOnePiece_EndsBeforeIt()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);
        var pieces = await PiecesAsync(client, 40);
        var (stop, before) = StopAtPieceBoundary(pieces, span: 1);
        var options = Greedy(64);
        options.StopSequences = [stop];

        var response = await client.GetResponseAsync(Messages, options, Token);

        output.WriteLine($"stop '{stop}' after: {before}");
        Assert.Equal(before, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    /// <summary>
    /// Once a stop sequence ends an answer, its sequence must leave the batch: otherwise it decodes the rest of its
    /// budget (here the whole 16K context) for nobody, and the next caller waits in the queue for all of it.
    /// </summary>
    [Fact]
    public async Task GetResponseAsync_AfterStopSequence_NextCallerIsNotKeptWaiting()
    {
        await using var llama = Model(contextSize: 16_384);
        using var client = new LlamaChatClient(llama);
        var pieces = await PiecesAsync(client, 40);
        var (stop, _) = StopAtPieceBoundary(pieces, span: 1);
        var options = Greedy(100_000);
        options.StopSequences = [stop];
        var scheduler = (await llama.ReadyAsync(Token)).Scheduler;
        var stopped = await client.GetResponseAsync(Messages, options, Token);
        var stepsAtStop = scheduler.State.Steps;

        var next = await client.GetResponseAsync(Messages, Greedy(8), Token);

        // Counted in decode steps: kept in the batch, the stopped sequence would run thousands more before the next caller's eight.
        var steps = scheduler.State.Steps - stepsAtStop;
        output.WriteLine($"stopped after {stopped.Usage?.OutputTokenCount} tokens; the next caller's 8 tokens took {steps} more decode steps");
        Assert.Equal(8, next.Usage?.OutputTokenCount);
        Assert.InRange(steps, 8, 16);
    }

    [Fact]
    public async Task GetResponseAsync_StopSequenceAcrossTwoPieces_EndsBeforeIt()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);
        var pieces = await PiecesAsync(client, 40);
        var (stop, before) = StopAtPieceBoundary(pieces, span: 2);
        var options = Greedy(64);
        options.StopSequences = [stop];

        var response = await client.GetResponseAsync(Messages, options, Token);

        output.WriteLine($"stop '{stop}' after: {before}");
        Assert.DoesNotContain(stop, response.Text);
        Assert.Equal(before, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_RandomBytesAsModel_ThrowsCouldNotBeLoadedAndModelFails()
    {
        var path = Path.Combine(model.Folder, "corrupt.gguf");
        var bytes = new byte[64 * 1024];
        new Random(5).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        await using var llama = Model(path: path);
        using var client = new LlamaChatClient(llama);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync(Messages, Greedy(8), Token));

        Assert.Contains("could not be loaded", error.Message);
        Assert.Contains("corrupt.gguf", error.Message);
        Assert.Equal(LlamaModelState.Failed, llama.State);
        Assert.Equal(error.Message, llama.Error);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync(Messages, Greedy(8), Token));
    }

    /// <summary>A well-formed GGUF that llama.cpp itself rejects (an adapter has no vocabulary or layers).</summary>
    [Fact]
    public async Task GetResponseAsync_AdapterAsModel_ThrowsCouldNotBeLoadedAndModelFails()
    {
        await using var llama = Model(path: model.AdapterPath);
        using var client = new LlamaChatClient(llama);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync(Messages, Greedy(8), Token));

        output.WriteLine(error.Message);
        Assert.Contains("could not be loaded", error.Message);
        Assert.Equal(LlamaModelState.Failed, llama.State);
        Assert.NotNull(llama.Error);
    }

    [Fact]
    public async Task ReadyAsync_TinyModel_ReportsReadyWithInfo()
    {
        await using var llama = Model();
        Assert.Equal(LlamaModelState.NotLoaded, llama.State);

        await llama.ReadyAsync(Token);

        Assert.Equal(LlamaModelState.Ready, llama.State);
        Assert.Equal(1f, llama.Progress);
        Assert.Null(llama.Error);
        Assert.Equal("linguacodus-tiny", llama.Info?.Name);
        Assert.True(llama.LoadTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task GetService_LoadedModel_ReturnsModelAndMetadata()
    {
        await using var llama = Model();
        using var client = new LlamaChatClient(llama);
        await llama.ReadyAsync(Token);

        Assert.Same(llama, client.GetService<LlamaModel>());
        Assert.Same(client, client.GetService<IChatClient>());
        Assert.Equal("llamasharp", client.GetService<ChatClientMetadata>()?.ProviderName);
        Assert.Equal("linguacodus-tiny", client.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Null(client.GetService<LlamaModel>(serviceKey: "other"));
    }

    public void Dispose() => _timeout.Dispose();

    /// <summary>
    /// Three identical greedy requests decoded in one batch: sent together with a first request that holds the whole
    /// context, they queue behind it (each call is queued when it returns, long before the first request's thousand
    /// decode steps end), and when it ends they are admitted in the same step. The scheduler's counts show both.
    /// </summary>
    private async Task<string[]> BatchedTrioAsync()
    {
        const int Tokens = 64;
        await using var llama = Model(contextSize: 1_024);
        using var client = new LlamaChatClient(llama);
        var scheduler = (await llama.ReadyAsync(Token)).Scheduler;

        var blocker = client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hold")], Greedy(100_000), Token);
        var trio = Enumerable.Range(0, 3).Select(_ => client.GetResponseAsync(Messages, Greedy(Tokens), Token)).ToList();
        var responses = await Task.WhenAll(trio);
        await blocker;

        Assert.Equal(3, scheduler.State.MostWaiting);
        Assert.Equal(3, scheduler.State.MostActive);
        Assert.All(responses, r => Assert.Equal(Tokens, r.Usage?.OutputTokenCount));
        return [.. responses.Select(r => r.Text)];
    }

    /// <summary>
    /// A stop sequence of <paramref name="span"/> consecutive pieces whose first occurrence in the text starts at a
    /// piece boundary, and the text before it.
    /// </summary>
    private static (string Stop, string Before) StopAtPieceBoundary(List<string> pieces, int span)
    {
        var text = string.Concat(pieces);
        for (var k = 5; k + span <= pieces.Count; k++)
        {
            var stop = string.Concat(pieces.Skip(k).Take(span));
            var before = string.Concat(pieces.Take(k));
            if (stop.Trim().Length >= 2 && text.IndexOf(stop, StringComparison.Ordinal) == before.Length)
            {
                return (stop, before);
            }
        }
        throw new InvalidOperationException($"No usable stop sequence in: {text}");
    }

    /// <summary>The text pieces (one per token) of a greedy answer to <see cref="Messages"/>.</summary>
    private async Task<List<string>> PiecesAsync(LlamaChatClient client, int tokens) =>
        [.. (await StreamAsync(client, Messages, Greedy(tokens))).Where(u => u.Text.Length > 0).Select(u => u.Text)];

    private async Task<List<ChatResponseUpdate>> StreamAsync(LlamaChatClient client, IEnumerable<ChatMessage> messages, ChatOptions options)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, Token))
        {
            updates.Add(update);
        }
        return updates;
    }

    private static ChatOptions Greedy(int maxOutputTokens) => new() { Temperature = 0, MaxOutputTokens = maxOutputTokens };

    private LlamaModel Model(int contextSize = 2_048, string? path = null, IEnumerable<LoraAdapterOptions>? adapters = null) =>
        new(Options(contextSize, path, adapters));

    private BackendOptions Options(int contextSize = 2_048, string? path = null, IEnumerable<LoraAdapterOptions>? adapters = null, int maxOutputTokens = 1_024) => new()
    {
        Name = "tiny",
        ModelPath = path ?? model.ModelPath,
        ContextSize = contextSize,
        Threads = 1,
        Temperature = 0,
        MaxOutputTokens = maxOutputTokens,
        LoraAdapters = [.. adapters ?? []],
    };
}
