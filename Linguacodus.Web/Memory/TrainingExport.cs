using System.Text;
using System.Text.Json;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Memory;
using Linguacodus.Inference.LlamaSharp;
using Microsoft.Extensions.AI;

namespace Linguacodus.Web.Memory;

/// <summary>
/// The memory as fine-tuning data in the paper's form (docs/fine-tuning.md): one JSON line per (prompt, instruction)
/// pair, the prompt exactly as the instructor sends it to a Llama 2 model (the rank word filled in, no examples of
/// similar cases) and the accepted instruction as the completion. Where the candidates were compared, a case gives
/// one line per rank, best score first; otherwise one line, rank 1, with the instruction as the analyst left it.
/// </summary>
public static class TrainingExport
{
    public const string FileName = "linguacodus-training.jsonl";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes the lines of every case at least as good as <paramref name="minScore"/> (in its metric's direction); returns how many.</summary>
    public static async Task<int> WriteAsync(Stream output, IEnumerable<SolvedCase> cases, PromptLibrary prompts, double? minScore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var lines = 0;
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        foreach (var solved in cases.Where(c => minScore is not { } least || c.AtLeast(least)))
        {
            foreach (var line in Lines(solved, prompts))
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(line, Json).AsMemory(), cancellationToken);
                lines++;
            }
        }
        await writer.FlushAsync(cancellationToken);
        return lines;
    }

    public static IEnumerable<TrainingLine> Lines(SolvedCase solved, PromptLibrary prompts)
    {
        ArgumentNullException.ThrowIfNull(solved);
        IEnumerable<(string Instruction, double Score)> ranked = solved.Ranks.Count > 0
            ? solved.Ranks.Select(r => (r.Instruction, r.Score))
            : [(solved.Instruction, solved.Score)];
        var rank = 0;
        foreach (var (instruction, score) in ranked)
        {
            rank++;
            var user = LlmInstructionWriter.Fill(prompts, solved.PromptValues, LlmInstructionWriter.Rank(rank));
            var prompt = LlamaPromptFormat.Llama2([new ChatMessage(ChatRole.User, user)]);
            var completion = " " + instruction.Trim() + " </s>";
            yield return new TrainingLine(
                prompt, completion, prompt + completion,
                [new TrainingMessage("user", user), new TrainingMessage("assistant", instruction.Trim())],
                rank, score, solved.Metric, solved.HigherIsBetter, solved.Title, solved.Id, solved.RunId);
        }
    }
}

/// <summary>One line of the export (field names in snake case).</summary>
public sealed record TrainingLine(
    string Prompt, string Completion, string Text, IReadOnlyList<TrainingMessage> Messages,
    int Rank, double Score, string Metric, bool HigherIsBetter, string Task, Guid CaseId, Guid RunId);

public sealed record TrainingMessage(string Role, string Content);
