using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;
using Microsoft.Extensions.AI;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// The paper's instruction step: one prompt per rank (first, second, third place) with the task, data type and metric,
/// plus the data profile so the instructions fit the real columns. The prompts run concurrently, so a batching
/// back end decodes the three candidates together; each streams to its own card.
/// </summary>
public sealed class LlmInstructionWriter(IChatClient chat, ChatOptions options) : IInstructionWriter
{
    private static readonly string[] Ranks = ["first", "second", "third"];
    private static readonly Lazy<string> Template = new(() => PromptTemplate.Load("instruction-prompt.md"));

    public async IAsyncEnumerable<CandidateDelta> WriteAsync(
        MlTask task, DataProfile profile, int count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var deltas = Channel.CreateUnbounded<CandidateDelta>();
        var writers = Enumerable.Range(1, count).Select(async index =>
        {
            var prompt = Prompt(task, profile, Ranks[Math.Min(index, Ranks.Length) - 1]);
            await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken))
            {
                if (update.Text.Length > 0)
                {
                    deltas.Writer.TryWrite(new CandidateDelta(index, update.Text));
                }
            }
        }).ToList();
        var all = Task.WhenAll(writers).ContinueWith(t => deltas.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var delta in deltas.Reader.ReadAllAsync(cancellationToken))
        {
            yield return delta;
        }
        await all;
        await Task.WhenAll(writers);
    }

    public static string Prompt(MlTask task, DataProfile profile, string rank) => PromptTemplate.Fill(Template.Value, new Dictionary<string, string>
    {
        ["rank"] = rank,
        ["title"] = Clip(task.Title, 200),
        ["task"] = Clip(task.Task, 2_000),
        ["data_type"] = Clip(task.DataType, 100),
        ["metric"] = Clip(task.Metrics, 100),
        ["profile"] = Describe(profile),
    });

    /// <summary>Column names, kinds and gaps, truncated: data cells are never long enough to smuggle in instructions.</summary>
    public static string Describe(DataProfile profile)
    {
        var text = new StringBuilder()
            .Append($"train.csv: {profile.TrainRows:N0} rows; test.csv: {profile.TestRows:N0} rows; target: {profile.TargetColumn} ({profile.TaskKind})");
        if (profile.IdColumn is { } id)
        {
            text.Append($"; id: {id}");
        }
        text.Append('\n');
        foreach (var column in profile.Columns.Take(40))
        {
            text.Append($"- {Clip(column.Name, 60)}: {column.Kind.ToString().ToLowerInvariant()}")
                .Append(column.Missing > 0 ? $", {column.Missing:N0} missing" : "")
                .Append(column.Examples.Count > 0 ? $", e.g. {string.Join(" | ", column.Examples.Take(3).Select(e => Clip(e, 30)))}" : "")
                .Append('\n');
        }
        if (profile.Columns.Count > 40)
        {
            text.Append($"- ... and {profile.Columns.Count - 40} more columns\n");
        }
        return text.ToString().TrimEnd();
    }

    private static string Clip(string text, int length) =>
        (text.Length <= length ? text : text[..length] + "...").Replace("DATA>>>", "DATA>>", StringComparison.Ordinal);
}
