using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Linguacodus.Core.Data;
using Linguacodus.Core.Instructions;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Tasks;
using Microsoft.Extensions.AI;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// The paper's instruction step: one prompt per rank (first, second, third place) with the task, data type and metric,
/// plus the data profile so the instructions fit the real columns. The prompts run concurrently, so a batching
/// back end decodes the three candidates together; each streams to its own card. An answer that lacks the paper's
/// sections is asked for once more (its card starts afresh); a second such answer is kept as it is. Plans accepted for
/// similar solved tasks go into the prompt as examples, the first thing shortened when the prompt must fit.
/// </summary>
/// <param name="constrained">Whether a local model is held to the instruction format by <see cref="InstructionGrammar"/>.</param>
public sealed class LlmInstructionWriter(LlmRole instructor, PromptLibrary prompts, bool constrained = false) : IInstructionWriter
{
    /// <summary>Answers asked per candidate in all: the first and one regeneration.</summary>
    public const int Attempts = 2;

    private static readonly string[] Ranks = ["first", "second", "third"];

    public async IAsyncEnumerable<CandidateDelta> WriteAsync(
        MlTask task, DataProfile profile, int count, IReadOnlyList<SimilarCase> similar, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = instructor.For("a candidate instruction");
        if (constrained && instructor.GrammarKey is { } key)
        {
            options.AdditionalProperties![key] = InstructionGrammar.Gbnf;
        }
        var deltas = Channel.CreateUnbounded<CandidateDelta>();
        var writers = Enumerable.Range(1, count)
            .Select(index => WriteOneAsync(task, profile, similar, index, options, deltas.Writer, cancellationToken))
            .ToList();
        var all = Task.WhenAll(writers).ContinueWith(t => deltas.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var delta in deltas.Reader.ReadAllAsync(cancellationToken))
        {
            yield return delta;
        }
        await all;
        await Task.WhenAll(writers);
    }

    /// <summary>The prompt for one rank ("first", "second", "third"), with <paramref name="similar"/> as examples.</summary>
    public string Prompt(MlTask task, DataProfile profile, string rank, IReadOnlyList<SimilarCase>? similar = null, PromptCut? cut = null)
    {
        cut ??= PromptCut.Whole;
        var values = PromptValues.ForTask(task, profile, cut);
        values["examples"] = PromptValues.Examples(similar ?? [], cut);
        return Fill(prompts, values, rank);
    }

    /// <summary>The instruction prompt from its task values, as sent for <paramref name="rank"/> (the training export fills stored values so).</summary>
    public static string Fill(PromptLibrary prompts, IReadOnlyDictionary<string, string> values, string rank)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var all = new Dictionary<string, string>(values) { ["rank"] = rank };
        all.TryAdd("examples", "");
        return prompts.Fill("instruction-prompt.md", all);
    }

    /// <summary>The rank word of candidate <paramref name="index"/> (1-based).</summary>
    public static string Rank(int index) => Ranks[Math.Clamp(index, 1, Ranks.Length) - 1];

    private async Task WriteOneAsync(
        MlTask task, DataProfile profile, IReadOnlyList<SimilarCase> similar, int index, ChatOptions options, ChannelWriter<CandidateDelta> deltas, CancellationToken cancellationToken)
    {
        var rank = Rank(index);
        var ask = await instructor.FitAsync(options, cut => Prompt(task, profile, rank, similar, cut), cancellationToken);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var text = new StringBuilder();
            var restart = attempt > 1;
            await foreach (var update in instructor.Chat.GetStreamingResponseAsync(ask.Messages, ask.Options, cancellationToken))
            {
                if (update.Text.Length > 0)
                {
                    text.Append(update.Text);
                    deltas.TryWrite(new CandidateDelta(index, update.Text, restart));
                    restart = false;
                }
            }
            var missing = Instruction.Parse(text.ToString()).MissingSections.ToList();
            if (missing.Count == 0)
            {
                return;
            }
            var problem = text.ToString().Trim().Length == 0
                ? "it was empty."
                : $"it lacked the section{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"\"{m}:\""))}.";
            ask = await instructor.FitAsync(options, cut => prompts.Retry(Prompt(task, profile, rank, similar, cut), problem), cancellationToken);
        }
    }
}
