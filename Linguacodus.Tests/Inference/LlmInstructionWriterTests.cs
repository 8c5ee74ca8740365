using System.Diagnostics;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Tasks;
using Linguacodus.Inference.Configuration;
using Linguacodus.Inference.LlamaSharp;
using Linguacodus.Tests.Fakes;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace Linguacodus.Tests.Inference;

/// <summary>The instruction step: three rank prompts sent concurrently, their streams tagged by candidate.</summary>
[Collection(TinyModelFixture.Name)]
public sealed class LlmInstructionWriterTests(TinyModelFixture model, ITestOutputHelper output) : IDisposable
{
    private static readonly TaskFolder Folder = TaskFolder.Load(Repository.Example("breast-cancer"));
    private static readonly DataProfile Profile = DataProfiler.Profile(Folder);
    private static readonly string[] Ranks = ["first", "second", "third"];

    /// <summary>A well-formed answer, in the paper's three sections.</summary>
    private const string Plan = "Data Preprocessing:\n- impute\nModel Architecture:\n- trees\nModel Training:\n- 5-fold CV\n";

    /// <summary>A guard so a hang fails the test instead of the run.</summary>
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    [Fact]
    public async Task WriteAsync_ThreeCandidates_SendsOnePromptPerRank()
    {
        var chat = new ScriptedChatClient(_ => [Plan]);
        var writer = Writer(chat);

        await CollectAsync(writer.WriteAsync(Folder.Task, Profile, 3, [], Timeout()));

        var prompts = chat.Prompts;
        Assert.Equal(3, prompts.Count);
        foreach (var rank in Ranks)
        {
            Assert.Single(prompts, p => p.Contains($"{rank} place", StringComparison.Ordinal));
        }
        Assert.All(chat.Received, messages => Assert.Equal(ChatRole.User, Assert.Single(messages).Role));
    }

    [Fact]
    public async Task WriteAsync_BreastCancer_PromptsNameTitleMetricAndColumns()
    {
        var chat = new ScriptedChatClient(_ => [Plan]);
        var writer = Writer(chat);

        await CollectAsync(writer.WriteAsync(Folder.Task, Profile, 3, [], Timeout()));

        Assert.All(chat.Prompts, prompt =>
        {
            Assert.Contains("Breast Cancer Diagnosis from Cell Nuclei Measurements", prompt);
            Assert.Contains("Metric: roc", prompt);
            Assert.Contains("Data type: tabular", prompt);
            Assert.Contains("- mean_radius: numeric", prompt);
            Assert.Contains("- clinic:", prompt);
            Assert.Contains("target: diagnosis", prompt);
            Assert.Contains("Data Preprocessing:", prompt);
        });
    }

    [Fact]
    public async Task WriteAsync_ScriptedStreams_TagsEachDeltaWithItsCandidate()
    {
        var chat = new ScriptedChatClient(messages => Script(messages[0].Text));
        var writer = Writer(chat);

        var deltas = await CollectAsync(writer.WriteAsync(Folder.Task, Profile, 3, [], Timeout()));

        var texts = deltas.GroupBy(d => d.Index).ToDictionary(g => g.Key, g => string.Concat(g.Select(d => d.Text)));
        Assert.Equal([1, 2, 3], texts.Keys.Order());
        Assert.Equal($"# first\n{Plan}", texts[1]);
        Assert.Equal($"# second\n{Plan}", texts[2]);
        Assert.Equal($"# third\n{Plan}", texts[3]);

        static IEnumerable<string> Script(string prompt)
        {
            var rank = Ranks.Single(r => prompt.Contains($"{r} place", StringComparison.Ordinal));
            return ["# ", rank, "\n", Plan];
        }
    }

    [Fact]
    public async Task WriteAsync_EmptyUpdates_AreNotForwarded()
    {
        var chat = new ScriptedChatClient(_ => ["", Plan, ""]);
        var writer = Writer(chat);

        var deltas = await CollectAsync(writer.WriteAsync(Folder.Task, Profile, 3, [], Timeout()));

        Assert.Equal(3, deltas.Count);
        Assert.All(deltas, d => Assert.Equal(Plan, d.Text));
    }

    [Fact]
    public async Task WriteAsync_Options_PassesTheRoleOptionsToEveryCall()
    {
        var chat = new ScriptedChatClient(_ => [Plan]);
        var options = new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 512 };
        var writer = Writer(chat, options);

        await CollectAsync(writer.WriteAsync(Folder.Task, Profile, 3, [], Timeout()));

        Assert.Equal(3, chat.ReceivedOptions.Count);
        Assert.All(chat.ReceivedOptions, o => Assert.Equal((0.7f, 512), (o!.Temperature, o.MaxOutputTokens)));
    }

    [Fact]
    public async Task WriteAsync_AnswerWithoutSections_AsksOnceMoreAndRestartsItsCard()
    {
        var chat = new ScriptedChatClient(messages => messages[0].Text.Contains("could not be used", StringComparison.Ordinal)
            ? [Plan]
            : messages[0].Text.Contains("second place", StringComparison.Ordinal) ? ["Use a random forest."] : [Plan]);
        var writer = Writer(chat);

        var deltas = await CollectAsync(writer.WriteAsync(Folder.Task, Profile, 3, [], Timeout()));

        Assert.Equal(4, chat.Received.Count);
        var retry = Assert.Single(chat.Prompts, p => p.Contains("could not be used", StringComparison.Ordinal));
        Assert.Contains("it lacked the sections \"Data Preprocessing:\", \"Model Architecture:\", \"Model Training:\"", retry);
        Assert.Contains("second place", retry);
        var second = deltas.Where(d => d.Index == 2).ToList();
        Assert.Equal([("Use a random forest.", false), (Plan, true)], second.Select(d => (d.Text, d.Restart)));
        Assert.All(deltas.Where(d => d.Index != 2), d => Assert.False(d.Restart));
    }

    [Fact]
    public async Task WriteAsync_AnswersWithoutSectionsTwice_KeepsTheSecondAnswer()
    {
        var chat = new ScriptedChatClient(_ => ["no plan here"]);
        var writer = Writer(chat);

        var deltas = await CollectAsync(writer.WriteAsync(Folder.Task, Profile, 1, [], Timeout()));

        Assert.Equal(LlmInstructionWriter.Attempts, chat.Received.Count);
        Assert.Equal([("no plan here", false), ("no plan here", true)], deltas.Select(d => (d.Text, d.Restart)));
    }

    [Fact]
    public async Task WriteAsync_OneCallFails_ThrowsItsException()
    {
        var chat = new ScriptedChatClient(messages => messages[0].Text.Contains("second place", StringComparison.Ordinal)
            ? throw new HttpRequestException("the back end is down")
            : ["fine"]);
        var writer = Writer(chat);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => CollectAsync(writer.WriteAsync(Folder.Task, Profile, 3, [], Timeout())));

        Assert.Equal("the back end is down", error.Message);
    }

    [Fact]
    public async Task WriteAsync_CallFailsMidStream_ThrowsItsException()
    {
        var chat = new ScriptedChatClient((messages, cancellationToken) => FailAfterOneChunk(cancellationToken));
        var writer = Writer(chat);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => CollectAsync(writer.WriteAsync(Folder.Task, Profile, 3, [], Timeout())));

        Assert.Equal("stream broke", error.Message);

        static async IAsyncEnumerable<string> FailAfterOneChunk([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return "partial";
            throw new TimeoutException("stream broke");
        }
    }

    [Fact]
    public async Task WriteAsync_Cancelled_StopsBlockedCallsAndThrowsCancellation()
    {
        // Cancelled once the third call is blocked, so all three are in flight; the guard only ends a hang.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Timeout());
        var calls = 0;
        var chat = new ScriptedChatClient((_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref calls) == 3)
            {
                cancellation.Cancel();
            }
            return ScriptedChatClient.Blocking(cancellationToken);
        });
        var writer = Writer(chat);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CollectAsync(writer.WriteAsync(Folder.Task, Profile, 3, [], cancellation.Token)));

        Assert.Equal(3, chat.Received.Count);
        Assert.False(_timeout.IsCancellationRequested, "the blocked calls ended only at the guard's limit");
    }

    [Fact]
    [Trait("Category", "RequiresModel")]
    public async Task WriteAsync_TinyModel_StreamsThreeNonEmptyCandidates()
    {
        // The breast-cancer prompt is ~2,900 tokens (about one per character for this vocabulary): 12K holds all three.
        var options = new BackendOptions { Name = "tiny", ModelPath = model.ModelPath, ContextSize = 12_288, Threads = 1 };
        await using var llama = new LlamaModel(options);
        using var chat = new LlamaChatClient(llama);
        var writer = Writer(chat, new ChatOptions { Temperature = 0, MaxOutputTokens = 24 });
        var clock = Stopwatch.StartNew();

        var deltas = await CollectAsync(writer.WriteAsync(Folder.Task, Profile, 3, [], Timeout()));
        output.WriteLine($"3 candidates x 24 tokens in {clock.ElapsedMilliseconds} ms (model loaded in {llama.LoadTime.TotalMilliseconds:F0} ms, "
            + $"prompt {writer.Prompt(Folder.Task, Profile, "first").Length} characters)");

        var texts = deltas.GroupBy(d => d.Index).ToDictionary(g => g.Key, g => string.Concat(g.Select(d => d.Text)));
        Assert.Equal([1, 2, 3], texts.Keys.Order());
        Assert.All(texts.Values, text => Assert.False(string.IsNullOrWhiteSpace(text)));
        foreach (var (index, text) in texts)
        {
            output.WriteLine($"{index}: {text}");
        }
    }

    public void Dispose() => _timeout.Dispose();

    private static LlmInstructionWriter Writer(IChatClient chat, ChatOptions? options = null) =>
        new(new LlmRole("test", chat, options ?? new ChatOptions()), PromptLibrary.Default);

    private CancellationToken Timeout() => _timeout.Token;

    private static async Task<List<CandidateDelta>> CollectAsync(IAsyncEnumerable<CandidateDelta> deltas)
    {
        var list = new List<CandidateDelta>();
        await foreach (var delta in deltas)
        {
            list.Add(delta);
        }
        return list;
    }
}
