using System.Text.RegularExpressions;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// A code block shortened for a prompt that does not fit otherwise: what later code relies on (imports, function and
/// class signatures, and unless bare the other top-level statements, which define the variables) and the block's
/// last lines (where its results are left). Each run of left-out lines becomes one comment that counts them.
/// </summary>
internal static partial class CodeOutline
{
    /// <summary>Kept lines longer than this are cut, so one huge line cannot defeat the outline.</summary>
    public const int MaxLineChars = 160;

    public static string Of(string code, bool bare)
    {
        var lines = code.Replace("\r", "", StringComparison.Ordinal).Trim('\n').Split('\n');
        var lastKept = lines.Length - (bare ? 1 : 3);
        var kept = new List<string>();
        var skipped = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (i >= lastKept || Keeps(lines[i], bare))
            {
                Flush();
                kept.Add(lines[i].Length <= MaxLineChars ? lines[i] : lines[i][..MaxLineChars] + " ...");
            }
            else if (lines[i].Trim().Length > 0)
            {
                skipped++;
            }
        }
        Flush();
        return string.Join("\n", kept);

        void Flush()
        {
            if (skipped > 0)
            {
                kept.Add($"# ... ({skipped} line{(skipped == 1 ? "" : "s")} not shown)");
                skipped = 0;
            }
        }
    }

    private static bool Keeps(string line, bool bare) =>
        Signature().IsMatch(line) || (!bare && line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith('#') && !line.StartsWith(')'));

    [GeneratedRegex(@"^\s*(import\s|from\s+\S+\s+import\s|def\s|async\s+def\s|class\s|@)")]
    private static partial Regex Signature();
}
