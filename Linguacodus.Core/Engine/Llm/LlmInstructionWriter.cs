using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Linguacodus.Core.Data;
using Linguacodus.Core.Instructions;
using Linguacodus.Core.Tasks;
using Microsoft.Extensions.AI;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// The paper's instruction step: one prompt per rank (first, second, third place) with the task, data type and metric,
/// plus the data profile so the instructions fit the real columns. The prompts run concurrently, so a batching
/// back end decodes the three candidates together; each streams to its own card. An answer that lacks the paper's
/// sections is asked for once more (its card starts afresh); a second such answer is kept as it is.
/// </summary>
/// <param name="constrained">Whether a local model is held to the instruction format by <see cref="InstructionGrammar"/>.</param>
public sealed class LlmInstructionWriter(LlmRole instructor, PromptLibrary prompts, bool constrained = false) : IInstructionWriter
{
    /// <summary>Answers asked per candidate in all: the first and one regeneration.</summary>
    public const int Attempts = 2;

    private static readonly string[] Ranks = ["first", "second", "third"];

    public async IAsyncEnumerable<CandidateDelta> WriteAsync(
        MlTask task, DataProfile profile, int count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = instructor.For("a candidate instruction");
        if (constrained && instructor.GrammarKey is { } key)
        {
            options.AdditionalProperties![key] = InstructionGrammar.Gbnf;
        }
        var deltas = Channel.CreateUnbounded<CandidateDelta>();
        var writers = Enumerable.Range(1, count)
            .Select(index => WriteOneAsync(task, profile, index, options, deltas.Writer, cancellationToken))
            .ToList();
        var all = Task.WhenAll(writers).ContinueWith(t => deltas.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var delta in deltas.Reader.ReadAllAsync(cancellationToken))
        {
            yield return delta;
        }
        await all;
        await Task.WhenAll(writers);
    }

    public string Prompt(MlTask task, DataProfile profile, string rank, PromptCut? cut = null)
    {
        var values = PromptValues.ForTask(task, profile, cut ?? PromptCut.Whole);
        values["rank"] = rank;
        return prompts.Fill("instruction-prompt.md", values);
    }

    private async Task WriteOneAsync(
        MlTask task, DataProfile profile, int index, ChatOptions options, ChannelWriter<CandidateDelta> deltas, CancellationToken cancellationToken)
    {
        var rank = Ranks[Math.Min(index, Ranks.Length) - 1];
        var ask = await instructor.FitAsync(options, cut => Prompt(task, profile, rank, cut), cancellationToken);
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
            ask = await instructor.FitAsync(options, cut => prompts.Retry(Prompt(task, profile, rank, cut), problem), cancellationToken);
        }
    }
}
