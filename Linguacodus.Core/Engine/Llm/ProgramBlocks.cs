using System.Text;
using System.Text.RegularExpressions;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>Reads a coder's corrected program back into stages by its <c># %% Stage</c> marker lines.</summary>
internal static partial class ProgramBlocks
{
    /// <summary>
    /// The stages after a fix: each marked block replaces its stage, and stages the answer leaves out stay as they
    /// were. Lines before the first marker (often imports) go to the top of the first marked block. An answer with
    /// no marker at all is a whole new program and becomes the first stage, the others emptied.
    /// </summary>
    public static Dictionary<CodeStage, string> Apply(string code, IReadOnlyDictionary<CodeStage, string> current)
    {
        var blocks = new Dictionary<CodeStage, StringBuilder>();
        var preamble = new StringBuilder();
        StringBuilder? block = null;
        foreach (var line in code.Split('\n'))
        {
            if (Marker().Match(line) is { Success: true } marker && Stage(marker.Groups[1].Value) is { } stage)
            {
                block = blocks.TryGetValue(stage, out var existing) ? existing : blocks[stage] = new StringBuilder(block is null ? preamble.ToString() : "");
                continue;
            }
            (block ?? preamble).Append(line).Append('\n');
        }
        if (blocks.Count == 0)
        {
            return CodeStages.All.ToDictionary(s => s, s => s == CodeStages.All[0] ? code.Trim('\n') + "\n" : "");
        }
        return CodeStages.All.ToDictionary(s => s, s => blocks.TryGetValue(s, out var b) ? b.ToString().Trim('\n') + "\n" : current.GetValueOrDefault(s, ""));
    }

    /// <summary>Whether the code names at least one block by its marker line.</summary>
    public static bool HasMarkers(string code) =>
        code.Split('\n').Any(line => Marker().Match(line) is { Success: true } marker && Stage(marker.Groups[1].Value) is not null);

    private static CodeStage? Stage(string title)
    {
        var name = title.Trim().TrimEnd(':').Trim();
        return CodeStages.All.Cast<CodeStage?>().FirstOrDefault(s =>
            name.Equals(s!.Value.Title(), StringComparison.OrdinalIgnoreCase) || name.Equals(s.Value.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"^\s*#\s*%%\s*(.+?)\s*$")]
    private static partial Regex Marker();
}
