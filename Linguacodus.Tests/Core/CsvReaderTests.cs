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

    [Fact]
    public void ReadRow_ErrorAfterMultilineQuotedField_NamesThePhysicalLine()
    {
        var path = Write("a,b\n\"x\ny\nz\",1\n2,3,4\n");
        using var reader = new CsvReader(path);
        reader.ReadRow();

        var e = Assert.Throws<TaskFolderException>(() => reader.ReadRow());

        Assert.Equal("line 5 has 3 fields, the header has 2", e.Problem);
    }

    [Fact]
    public void ReadRow_SemicolonFile_IsOneColumnAsBefore()
    {
        var path = Write("a;b\n1;2\n");

        var (header, rows) = ReadAll(path);

        Assert.Equal(["a;b"], header);
        Assert.Equal([["1;2"]], rows);
    }

    [Fact]
    public void ReadRow_QuotesInsideFields_ReadAsPandasReadsThem()
    {
        var path = Write("a,b\nsay \"hi\" there,x\n\"ab\"cd,\"\"\n\"\"\"\",\"a\"\"b\"\n");

        var (_, rows) = ReadAll(path);

        Assert.Equal(["say \"hi\" there", "x"], rows[0]);
        Assert.Equal(["abcd", ""], rows[1]);
        Assert.Equal(["\"", "a\"b"], rows[2]);
    }

    [Fact]
    public void ReadRow_StrayQuoteHidingAComma_ReportsTheLine()
    {
        var path = Write("a,b\n1,2\n55\" screen,x\n7,y\n8,\"z\"\n");

        var e = Assert.Throws<TaskFolderException>(() => ReadAll(path));

        Assert.StartsWith("line 3 has a quote inside field 1", e.Problem);
    }

    [Fact]
    public void MoveNext_Fields_AreTheSameTextAsReadRow()
    {
        var path = Write("id,text,n\n1,\"x, \"\"y\"\"\",2.5\n2,plain,\n");
        var (_, rows) = ReadAll(path);
        using var reader = new CsvReader(path);
        var fields = new List<string[]>();

        while (reader.MoveNext())
        {
            fields.Add([.. Enumerable.Range(0, reader.Header.Count).Select(i => reader.Field(i).ToString())]);
        }

        Assert.Equal(rows, fields);
        Assert.Equal(["1", "x, \"y\"", "2.5"], fields[0]);
    }

    [Fact]
    public void ReadRow_CrOnlyLineEndsAndBlankLinesBeforeTheHeader_CountLines()
    {
        var path = Write("\n\na,b\r1,2\r\r3,4\r");
        using var reader = new CsvReader(path);

        reader.ReadRow();
        var first = reader.Line;
        var second = reader.ReadRow();

        Assert.Equal(["a", "b"], reader.Header);
        Assert.Equal(4, first);
        Assert.Equal(["3", "4"], second!);
        Assert.Equal(6, reader.Line);
        Assert.Null(reader.ReadRow());
    }

    [Fact]
    public void ReadRow_InvalidUtf8FarIntoTheFile_ReportsItsLine()
    {
        var path = Path.Combine(_dir, "late.csv");
        var text = new StringBuilder("id,text\n");
        for (var i = 0; i < 10_000; i++)
        {
            text.Append(i).Append(",\"row ").Append(i).Append("\nsecond line\"\n");
        }

        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(text.ToString()), .. Encoding.ASCII.GetBytes("1,caf"), 0xE9, (byte)'\n']);

        var e = Assert.Throws<TaskFolderException>(() => ReadAll(path));

        Assert.Equal("line 20002 is not UTF-8 text", e.Problem);
    }

    [Fact]
    public void Open_Utf16File_IsNotUtf8Text()
    {
        var path = Path.Combine(_dir, "utf16.csv");
        File.WriteAllText(path, "a,b\n1,2\n", Encoding.Unicode);

        var e = Assert.Throws<TaskFolderException>(() => new CsvReader(path));

        Assert.Equal("line 1 is not UTF-8 text", e.Problem);
    }

    [Fact]
    public void ReadRow_LongLineInsideAQuotedField_ReportsThatLine()
    {
        var path = Write("a,b\n\"short\n" + new string('x', 30) + "\",1\n");
        using var reader = new CsvReader(path, maxLineLength: 20);

        var e = Assert.Throws<TaskFolderException>(() => reader.ReadRow());

        Assert.Equal("line 3 is longer than 20 characters", e.Problem);
    }

    [Fact]
    public void ReadRow_QuoteNeverClosedInAHugeFile_StopsAtTheRowCap()
    {
        var path = Write("a,b\n1,2\n3,\"" + new string('x', (1 << 24) + 10) + "\n");
        using var reader = new CsvReader(path, maxLineLength: int.MaxValue);
        reader.ReadRow();

        var e = Assert.Throws<TaskFolderException>(() => reader.ReadRow());

        Assert.StartsWith("line 3 starts a row longer than 16,777,216 characters", e.Problem);
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
