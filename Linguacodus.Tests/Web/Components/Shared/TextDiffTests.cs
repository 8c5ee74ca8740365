using Linguacodus.Web.Components.Shared;

namespace Linguacodus.Tests.Web.Components.Shared;

public sealed class TextDiffTests
{
    [Fact]
    public void Words_ReplacedWord_DeletedThenInsertedAndBothTextsRecoverable()
    {
        var pieces = TextDiff.Words("Use a random split.", "Use a time split.");

        Assert.Equal(
            [new(DiffKind.Same, "Use a "), new(DiffKind.Deleted, "random"), new(DiffKind.Inserted, "time"), new(DiffKind.Same, " split.")],
            pieces);
        Assert.Equal("Use a random split.", Old(pieces));
        Assert.Equal("Use a time split.", New(pieces));
    }

    [Fact]
    public void Words_AddedBullet_OnlyTheNewTextIsInserted()
    {
        const string before = "Model Training:\n- Fit the model.\n";
        const string after = "Model Training:\n- Fit the model.\n- Keep 20% for validation.\n";

        var pieces = TextDiff.Words(before, after);

        Assert.DoesNotContain(pieces, p => p.Kind == DiffKind.Deleted);
        Assert.Equal("- Keep 20% for validation.\n", string.Concat(pieces.Where(p => p.Kind == DiffKind.Inserted).Select(p => p.Text)).TrimStart(' '));
        Assert.Equal((5, 0), TextDiff.Count(pieces));
        Assert.Equal(after, New(pieces));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("", "new text")]
    [InlineData("old text", "")]
    [InlineData("same", "same")]
    [InlineData("a b c d e f", "f e d c b a")]
    [InlineData("line one\nline two\n", "line zero\nline one\nline two\nline three")]
    public void Words_AnyPair_PiecesRebuildBothTexts(string before, string after)
    {
        var pieces = TextDiff.Words(before, after);

        Assert.Equal(before, Old(pieces));
        Assert.Equal(after, New(pieces));
        Assert.All(pieces.Zip(pieces.Skip(1)), pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
    }

    [Fact]
    public void Words_IdenticalTexts_OneSamePiece()
    {
        Assert.Equal([new DiffPiece(DiffKind.Same, "x y")], TextDiff.Words("x y", "x y"));
    }

    [Fact]
    public void Lines_ChangedLine_WholeLinesMarked()
    {
        var pieces = TextDiff.Lines("a = 1\nb = 2\nc = 3\n", "a = 1\nb = 20\nc = 3\n");

        Assert.Equal(
            [new(DiffKind.Same, "a = 1\n"), new(DiffKind.Deleted, "b = 2\n"), new(DiffKind.Inserted, "b = 20\n"), new(DiffKind.Same, "c = 3\n")],
            pieces);
    }

    [Fact]
    public void Words_HugeTextsChangedThroughout_DiffWordByWord()
    {
        // About 10,000 x 10,000 tokens: 25 times the table the old quadratic diff refused to build.
        var before = string.Join(' ', Enumerable.Range(0, 5_000).Select(i => $"w{i}"));
        var after = string.Join(' ', Enumerable.Range(0, 5_000).Select(i => i % 2 == 0 ? $"w{i}" : $"v{i}"));

        var pieces = TextDiff.Words(before, after);

        Assert.Equal(before, Old(pieces));
        Assert.Equal(after, New(pieces));
        Assert.Equal((2_500, 2_500), TextDiff.Count(pieces));
        Assert.Contains(new DiffPiece(DiffKind.Deleted, "w1"), pieces);
        Assert.Contains(new DiffPiece(DiffKind.Inserted, "v1"), pieces);
    }

    [Fact]
    public void Lines_ManyLinesWithEditsThroughout_MarksOnlyTheEditedLines()
    {
        var before = string.Concat(Enumerable.Range(0, 3_000).Select(i => $"line {i}\n"));
        var after = string.Concat(Enumerable.Range(0, 3_000).Select(i => i % 100 == 50 ? $"edited {i}\n" : $"line {i}\n"));

        var pieces = TextDiff.Lines(before, after);

        Assert.Equal(before, Old(pieces));
        Assert.Equal(after, New(pieces));
        Assert.Equal(30, pieces.Count(p => p.Kind == DiffKind.Inserted));
        Assert.Equal("line 50\n", pieces.First(p => p.Kind == DiffKind.Deleted).Text);
    }

    private static string Old(IEnumerable<DiffPiece> pieces) => string.Concat(pieces.Where(p => p.Kind != DiffKind.Inserted).Select(p => p.Text));

    private static string New(IEnumerable<DiffPiece> pieces) => string.Concat(pieces.Where(p => p.Kind != DiffKind.Deleted).Select(p => p.Text));
}
