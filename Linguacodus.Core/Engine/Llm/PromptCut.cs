namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// How much of a prompt's detail is kept. <see cref="Sequence"/> lists the cuts from the whole prompt to its bare
/// minimum, each keeping less than the one before, in the order of what a model needs least: the examples of similar
/// solved tasks first, then the data's example values, then the earlier code blocks (outlined to their imports, signatures and last lines, oldest
/// first), then the profile's per-column detail (the column names, target, id and submission columns stay), then
/// the middle of a long error output (its head and tail stay), and last the long free texts (task description,
/// instruction, options, critique), which keep their start and end.
/// </summary>
public sealed record PromptCut
{
    /// <summary>The whole prompt: every long part at its full (already clipped) length.</summary>
    public static PromptCut Whole { get; } = new();

    /// <summary>From whole to bare minimum; a prompt builder turns each into text, and the first that fits is sent.</summary>
    public static IReadOnlyList<PromptCut> Sequence { get; } = Cuts();

    /// <summary>How many similar solved tasks the instruction prompt shows as examples.</summary>
    public int SolvedExamples { get; init; } = 3;

    /// <summary>Example values shown for each column of the data profile.</summary>
    public int ExamplesPerColumn { get; init; } = 3;

    /// <summary>How many code blocks, least important first, are shown as outlines rather than in full.</summary>
    public int OutlinedBlocks { get; init; }

    /// <summary>Whether outlines keep only imports, signatures and the last line (else also top-level statements).</summary>
    public bool BareOutlines { get; init; }

    /// <summary>Whether the profile lists only column names (rows, target and id stay) rather than each column's kind and gaps.</summary>
    public bool ColumnNamesOnly { get; init; }

    /// <summary>The most characters of error output shown; a longer output keeps its head and tail.</summary>
    public int ErrorChars { get; init; } = ErrorDigest.MaxChars;

    /// <summary>The share (0 to 1) of each long free text's usual clip length that is shown.</summary>
    public double TextDetail { get; init; } = 1;

    private static List<PromptCut> Cuts()
    {
        var cuts = new List<PromptCut> { Whole };
        void Then(Func<PromptCut, PromptCut> less) => cuts.Add(less(cuts[^1]));
        Then(c => c with { SolvedExamples = 1 });
        Then(c => c with { SolvedExamples = 0 });
        Then(c => c with { ExamplesPerColumn = 1 });
        Then(c => c with { ExamplesPerColumn = 0 });
        for (var blocks = 1; blocks <= CodeStages.All.Count; blocks++)
        {
            var outlined = blocks;
            Then(c => c with { OutlinedBlocks = outlined });
        }
        Then(c => c with { BareOutlines = true });
        Then(c => c with { ColumnNamesOnly = true });
        foreach (var chars in new[] { 1_500, 800, 400 })
        {
            Then(c => c with { ErrorChars = chars });
        }
        foreach (var detail in new[] { 0.5, 0.25, 0.1, 0.03 })
        {
            Then(c => c with { TextDetail = detail });
        }
        return cuts;
    }
}
