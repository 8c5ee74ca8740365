using System.Text.RegularExpressions;
using Linguacodus.Core.Artifacts;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// Trims a failed run's error output to what a coder needs: frames inside libraries are folded into one line, each
/// frame in the program says which block its line belongs to, and a long output keeps its head and its longer tail.
/// </summary>
internal static partial class ErrorDigest
{
    public const int MaxChars = 3_000;

    /// <param name="title">The task title, which heads the assembled program (so line numbers can be mapped).</param>
    public static string Trim(string errorOutput, string title, IReadOnlyDictionary<CodeStage, string> stages)
    {
        var owners = LineOwners(ProgramAssembler.Assemble(title, stages));
        var lines = errorOutput.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var kept = new List<string>();
        var folded = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var frame = Frame().Match(lines[i]);
            if (frame.Success && !frame.Groups["file"].Value.EndsWith("solution.py", StringComparison.Ordinal))
            {
                folded++;
                // The frame's source line, when Python printed one, goes with it.
                if (i + 1 < lines.Length && lines[i + 1].StartsWith("    ", StringComparison.Ordinal) && !Frame().IsMatch(lines[i + 1]))
                {
                    i++;
                }
                continue;
            }
            if (folded > 0)
            {
                kept.Add($"  ... ({folded} frame{(folded == 1 ? "" : "s")} inside libraries)");
                folded = 0;
            }
            kept.Add(frame.Success && int.TryParse(frame.Groups["line"].Value, out var number) && owners.GetValueOrDefault(number) is { } stage
                ? $"{lines[i]}  [the {stage.Title()} block]"
                : lines[i]);
        }
        return PromptValues.Middle(string.Join("\n", kept).Trim(), MaxChars);
    }

    /// <summary>The block each line of the assembled program belongs to (1-based line numbers).</summary>
    private static Dictionary<int, CodeStage> LineOwners(string program)
    {
        var owners = new Dictionary<int, CodeStage>();
        CodeStage? current = null;
        var number = 0;
        foreach (var line in program.Split('\n'))
        {
            number++;
            if (line.StartsWith("# %% ", StringComparison.Ordinal))
            {
                current = CodeStages.All.Cast<CodeStage?>().FirstOrDefault(s => line[5..] == s!.Value.Title());
            }
            else if (current is { } stage)
            {
                owners[number] = stage;
            }
        }
        return owners;
    }

    [GeneratedRegex(@"^\s*File ""(?<file>[^""]+)"", line (?<line>\d+)")]
    private static partial Regex Frame();
}
