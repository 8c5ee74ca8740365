using System.Text;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

public sealed class CsvReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadRow_QuotedFields_UnescapesCommasQuotesAndNewlines()
    {
        var path = Write("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n,\"\",plain\n");

        var (header, rows) = ReadAll(path);

        Assert.Equal(["a", "b", "c"], header);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], rows[0]);
        Assert.Equal(["", "", "plain"], rows[1]);
    }

    [Fact]
    public void ReadRow_CrLfLineEnds_SplitsRowsAndKeepsQuotedCrLf()
    {
        var path = Write("a,b\r\n1,\"x\r\ny\"\r\n3,4\r\n");

        var (_, rows) = ReadAll(path);

        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "x\r\ny"], rows[0]);
        Assert.Equal(["3", "4"], rows[1]);
    }

    [Fact]
    public void Header_Utf8Bom_IsSkipped()
    {
        var path = Path.Combine(_dir, "bom.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("id,name\n1,Zoë\n")]);

        var (header, rows) = ReadAll(path);

        Assert.Equal("id", header[0]);
        Assert.Equal("Zoë", rows[0][1]);
    }

    [Fact]
    public void ReadRow_NoFinalNewlineAndBlankLines_ReadsEveryRow()
    {
        var path = Write("a\n1\n\n2");

        var (_, rows) = ReadAll(path);

        Assert.Equal([["1"], ["2"]], rows);
    }

    [Fact]
    public void Line_RowAfterMultilineField_IsThePhysicalLine()
    {
        var path = Write("a,b\n\"1\n2\",x\n3,y\n");
        using var reader = new CsvReader(path);

        reader.ReadRow();
        var first = reader.Line;
        reader.ReadRow();

        Assert.Equal(2, first);
        Assert.Equal(4, reader.Line);
    }

    [Fact]
    public void ReadRow_RaggedRow_ReportsLineAndCounts()
    {
        var path = Write("a,b,c,d\n1,2,3,4\n1,2,3,4,5\n");
        using var reader = new CsvReader(path);
        reader.ReadRow();

        var e = Assert.Throws<TaskFolderException>(() => reader.ReadRow());

        Assert.Equal("data.csv", e.File);
        Assert.Equal("line 3 has 5 fields, the header has 4", e.Problem);
    }

    [Fact]
    public void ReadRow_UnterminatedQuote_ReportsTheLineItOpens()
    {
        var path = Write("a,b\n1,2\n3,\"never closed\n4,5\n");

        var e = Assert.Throws<TaskFolderException>(() => ReadAll(path));

        Assert.Contains("line 3", e.Problem);
        Assert.Contains("never closed", e.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void Open_EmptyFile_Throws(string content)
    {
        var path = Write(content);

        var e = Assert.Throws<TaskFolderException>(() => new CsvReader(path));

        Assert.Equal("the file is empty", e.Problem);
    }

    [Fact]
    public void Open_DuplicateHeaderName_Throws()
    {
        var path = Write("a,b,a\n1,2,3\n");

        var e = Assert.Throws<TaskFolderException>(() => new CsvReader(path));

        Assert.Contains("'a' twice", e.Problem);
    }

    [Fact]
    public void Open_EmptyHeaderName_Throws()
    {
        var path = Write(",a\n1,2\n");

        var e = Assert.Throws<TaskFolderException>(() => new CsvReader(path));

        Assert.Contains("no name for column 1", e.Problem);
    }

    [Fact]
    public void ReadRow_InvalidUtf8_ReportsLine()
    {
        var path = Path.Combine(_dir, "latin1.csv");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("a,b\n1,2\n3,caf"), 0xE9, (byte)'\n']);

        var e = Assert.Throws<TaskFolderException>(() => ReadAll(path));

        Assert.Equal("latin1.csv", e.File);
        Assert.Equal("line 3 is not UTF-8 text", e.Problem);
    }

    [Fact]
    public void ReadRow_LineLongerThanCap_Throws()
    {
        var path = Write("a,b\n1,2\n3," + new string('x', 50) + "\n");
        using var reader = new CsvReader(path, maxLineLength: 20);
        reader.ReadRow();

        var e = Assert.Throws<TaskFolderException>(() => reader.ReadRow());

        Assert.Equal("line 3 is longer than 20 characters", e.Problem);
    }

    [Fact]
    public void ReadRow_LargeFile_StreamsAcrossBufferBoundaries()
    {
        var path = Path.Combine(_dir, "big.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("id,text\n");
            for (var i = 0; i < 20_000; i++)
            {
                writer.Write($"{i},\"row {i}, with \"\"quotes\"\"\"\n");
            }
        }

        var (_, rows) = ReadAll(path);

        Assert.Equal(20_000, rows.Count);
        Assert.Equal(["19999", "row 19999, with \"quotes\""], rows[^1]);
    }

    private string Write(string content)
    {
        var path = Path.Combine(_dir, "data.csv");
        File.WriteAllText(path, content);
        return path;
    }

    private static (IReadOnlyList<string> Header, List<string[]> Rows) ReadAll(string path)
    {
        using var reader = new CsvReader(path);
        var rows = new List<string[]>();
        while (reader.ReadRow() is { } row)
        {
            rows.Add(row);
        }

        return (reader.Header, rows);
    }
}
