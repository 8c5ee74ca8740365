using System.Text.RegularExpressions;

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
/// A small longest-common-subsequence diff of two texts, by words (whitespace kept as its own tokens, so the
/// pieces put together give back either text exactly) or by lines. Long texts fall back from words to lines, and
/// past that to "all deleted, all inserted", so the table stays below <see cref="MaxCells"/> cells.
/// </summary>
public static partial class TextDiff
{
    /// <summary>The largest LCS table computed (16 MB of ints); beyond it a coarser diff is used.</summary>
    public const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffPiece> Words(string before, string after)
    {
        var (a, b) = (WordTokens(before), WordTokens(after));
        return (long)a.Length * b.Length <= MaxCells ? Diff(a, b) : Lines(before, after);
    }

    public static IReadOnlyList<DiffPiece> Lines(string before, string after)
    {
        var (a, b) = (LineTokens(before), LineTokens(after));
        if ((long)a.Length * b.Length <= MaxCells)
        {
            return Diff(a, b);
        }
        var whole = new List<DiffPiece>();
        if (before.Length > 0)
        {
            whole.Add(new DiffPiece(DiffKind.Deleted, before));
        }
        if (after.Length > 0)
        {
            whole.Add(new DiffPiece(DiffKind.Inserted, after));
        }
        return whole;
    }

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

    private static List<DiffPiece> Diff(string[] a, string[] b)
    {
        // Common head and tail first: edits to a long instruction are usually local, and this keeps the table small.
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
        Add(pieces, DiffKind.Same, a.AsSpan(0, head));
        var (x, y) = (a[head..^tail], b[head..^tail]);
        var n = x.Length;
        var m = y.Length;
        // lengths[i, j] = LCS length of x[i..] and y[j..].
        var lengths = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lengths[i, j] = x[i] == y[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }
        int p = 0, q = 0;
        while (p < n || q < m)
        {
            if (p < n && q < m && x[p] == y[q])
            {
                Add(pieces, DiffKind.Same, x[p]);
                (p, q) = (p + 1, q + 1);
            }
            else if (q < m && (p == n || lengths[p, q + 1] > lengths[p + 1, q]))
            {
                // On a tie the old token goes first, so a replaced word reads "deleted, then inserted".
                Add(pieces, DiffKind.Inserted, y[q]);
                q++;
            }
            else
            {
                Add(pieces, DiffKind.Deleted, x[p]);
                p++;
            }
        }
        Add(pieces, DiffKind.Same, a.AsSpan(a.Length - tail, tail));
        return pieces;
    }

    private static void Add(List<DiffPiece> pieces, DiffKind kind, ReadOnlySpan<string> tokens)
    {
        foreach (var token in tokens)
        {
            Add(pieces, kind, token);
        }
    }

    private static void Add(List<DiffPiece> pieces, DiffKind kind, string token)
    {
        if (token.Length == 0)
        {
            return;
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

    [GeneratedRegex(@"\s+|[^\s]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();
}
