using System.Text.RegularExpressions;
using DiffPlex;

namespace Linguacodus.Web.Components.Shared;

/// <summary>What a piece of a diff is: in both texts, only in the new one, or only in the old one.</summary>
public enum DiffKind
{
    Same,
    Inserted,
    Deleted,
}

/// <summary>One run of text of one kind; consecutive pieces of the same kind are merged.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>
/// A diff of two texts by words (whitespace kept as its own tokens, so the pieces put together give back either
/// text exactly) or by lines, computed by DiffPlex (Myers' algorithm: linear memory, so long texts diff in full).
/// </summary>
public static partial class TextDiff
{
    public static IReadOnlyList<DiffPiece> Words(string before, string after) =>
        Diff(WordTokens(before), WordTokens(after), WordChunker.Instance);

    public static IReadOnlyList<DiffPiece> Lines(string before, string after) =>
        Diff(LineTokens(before), LineTokens(after), LineChunker.Instance);

    /// <summary>Counts of inserted and deleted tokens that are not only whitespace, for a one-line summary.</summary>
    public static (int Inserted, int Deleted) Count(IReadOnlyList<DiffPiece> pieces) =>
        (pieces.Where(p => p.Kind == DiffKind.Inserted).Sum(p => WordCount(p.Text)),
         pieces.Where(p => p.Kind == DiffKind.Deleted).Sum(p => WordCount(p.Text)));

    private static int WordCount(string text) => Word().Count(text);

    internal static string[] WordTokens(string text) => [.. Token().Matches(text).Select(m => m.Value)];

    internal static string[] LineTokens(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                tokens.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < text.Length)
        {
            tokens.Add(text[start..]);
        }
        return [.. tokens];
    }

    private static List<DiffPiece> Diff(string[] a, string[] b, IChunker chunker)
    {
        // Common head and tail first: edits to a long instruction are usually local, and an appended line then reads
        // as appended (the shared line break stays with the text before it) rather than wherever the diff aligns it.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }
        var pieces = new List<DiffPiece>();
        Add(pieces, DiffKind.Same, a, 0, head);
        // A run of whole tokens joined is chunked back into the same tokens, so DiffPlex sees exactly the middle.
        var result = Differ.Instance.CreateDiffs(
            string.Concat(a[head..^tail]), string.Concat(b[head..^tail]), ignoreWhiteSpace: false, ignoreCase: false, chunker);
        var (x, y) = (result.PiecesOld, result.PiecesNew);
        var p = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(pieces, DiffKind.Same, x, p, block.DeleteStartA - p);
            // The old tokens go first, so a replaced word reads "deleted, then inserted".
            Add(pieces, DiffKind.Deleted, x, block.DeleteStartA, block.DeleteCountA);
            Add(pieces, DiffKind.Inserted, y, block.InsertStartB, block.InsertCountB);
            p = block.DeleteStartA + block.DeleteCountA;
        }
        Add(pieces, DiffKind.Same, x, p, x.Count - p);
        Add(pieces, DiffKind.Same, a, a.Length - tail, tail);
        return pieces;
    }

    private static void Add(List<DiffPiece> pieces, DiffKind kind, IReadOnlyList<string> tokens, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            var token = tokens[i];
            if (token.Length == 0)
            {
                continue;
            }
            if (pieces.Count > 0 && pieces[^1].Kind == kind)
            {
                pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + token };
            }
            else
            {
                pieces.Add(new DiffPiece(kind, token));
            }
        }
    }

    [GeneratedRegex(@"\s+|[^\s]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();

    /// <summary>Hands DiffPlex the same word and whitespace tokens as <see cref="Words"/> uses.</summary>
    private sealed class WordChunker : IChunker
    {
        public static readonly WordChunker Instance = new();

        public IReadOnlyList<string> Chunk(string text) => WordTokens(text);
    }

    /// <summary>Hands DiffPlex whole lines with their line breaks, as <see cref="Lines"/> uses.</summary>
    private sealed class LineChunker : IChunker
    {
        public static readonly LineChunker Instance = new();

        public IReadOnlyList<string> Chunk(string text) => LineTokens(text);
    }
}
