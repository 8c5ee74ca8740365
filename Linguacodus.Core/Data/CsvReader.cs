using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Linguacodus.Core.Tasks;
using nietras.SeparatedValues;

namespace Linguacodus.Core.Data;

/// <summary>
/// Streams an RFC 4180 CSV file with Sep: the header on opening, then one row per <see cref="MoveNext"/> (fields as
/// spans, nothing allocated) or per <see cref="ReadRow"/> (fields as strings).
/// Problems are reported as <see cref="TaskFolderException"/> naming the file and the line.
/// </summary>
/// <remarks>
/// Sep finds the rows and fields; on top of it this class keeps the rules the project's data has always been read by:
/// commas only (a semicolon file is one column wide), strict UTF-8 (an optional BOM is skipped), blank lines skipped,
/// every row as wide as the header, no line longer than a cap, and quotes read as pandas reads them
/// (<see cref="CsvQuoting"/>).
/// </remarks>
internal sealed class CsvReader : IDisposable
{
    public const int DefaultMaxLineLength = 1_000_000;

    /// <summary>Sep's own cap on a row (16 Mi characters), which bounds memory whatever the file holds.</summary>
    private const int MaxRowLength = 1 << 24;

    // The preamble makes StreamReader skip a UTF-8 BOM; throwing turns bad bytes into an error instead of U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    private static readonly SepReaderOptions Options = new(new Sep(','))
    {
        HasHeader = false, // the header is the first non-blank row, checked here
        DisableColCountCheck = true, // ragged rows are reported here, with the line
    };

    private readonly string _path;
    private readonly int _maxLineLength;
    private readonly StreamReader _text;
    private readonly SepReader _sep;
    private long _nextLine = 1;

    // The current row's unquoted fields; only filled for rows that contain a quote.
    private bool _hasQuotes;
    private char[] _unquoted = [];
    private int[] _starts = [];
    private int[] _lengths = [];

    public CsvReader(string path, int maxLineLength = DefaultMaxLineLength)
    {
        _path = path;
        FileName = Path.GetFileName(path);
        _maxLineLength = maxLineLength;
        _text = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: false, new FileStreamOptions
        {
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.SequentialScan,
        });
        try
        {
            try
            {
                _sep = Options.From(_text);
            }
            catch (Exception e) when (e is DecoderFallbackException or NotSupportedException)
            {
                throw Translate(e);
            }
            if (!NextRecord())
            {
                throw Problem("the file is empty");
            }

            var header = new string[FieldCount];
            for (var i = 0; i < header.Length; i++)
            {
                header[i] = Field(i).ToString();
            }

            CheckHeader(header);
            Header = header;
        }
        catch
        {
            _sep?.Dispose();
            _text.Dispose();
            throw;
        }
    }

    /// <summary>The file's name without its folder, as used in messages.</summary>
    public string FileName { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The line on which the current row (the one last returned) starts.</summary>
    public long Line { get; private set; }

    private int FieldCount => _sep.Current.ColCount;

    /// <summary>Moves to the next row, whose fields <see cref="Field"/> then gives; false at the end of the file.</summary>
    /// <exception cref="TaskFolderException">The row is malformed or its field count differs from the header's.</exception>
    public bool MoveNext()
    {
        if (!NextRecord())
        {
            return false;
        }

        return FieldCount == Header.Count
            ? true
            : throw Problem($"line {Line} has {FieldCount} fields, the header has {Header.Count}");
    }

    /// <summary>A field of the current row, valid until the next <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<char> Field(int index) =>
        _hasQuotes && _starts[index] >= 0 ? _unquoted.AsSpan(_starts[index], _lengths[index]) : _sep.Current[index].Span;

    /// <summary>Returns the next row, or null at the end of the file.</summary>
    /// <exception cref="TaskFolderException">The row is malformed or its field count differs from the header's.</exception>
    public string[]? ReadRow()
    {
        if (!MoveNext())
        {
            return null;
        }

        var row = new string[Header.Count];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = Field(i).ToString();
        }

        return row;
    }

    public void Dispose()
    {
        _sep.Dispose();
        _text.Dispose();
    }

    /// <summary>Moves Sep to the next non-blank row and checks its lines and quotes.</summary>
    private bool NextRecord()
    {
        while (true)
        {
            bool moved;
            try
            {
                moved = _sep.MoveNext();
            }
            catch (Exception e) when (e is DecoderFallbackException or NotSupportedException)
            {
                throw Translate(e);
            }

            if (!moved)
            {
                return false;
            }

            var row = _sep.Current;
            Line = _nextLine;
            _nextLine = row.LineNumberToExcl;
            if (row.ColCount == 1 && row.Span.IsEmpty)
            {
                continue; // blank lines carry no row, as in pandas
            }

            if (row.Span.Length > _maxLineLength)
            {
                CheckLineLengths(row.Span);
            }

            _hasQuotes = row.Span.Contains('"');
            if (_hasQuotes)
            {
                Unquote(row);
            }

            return true;
        }
    }

    /// <summary>Sep's failures as problems with the file's name and a line.</summary>
    private TaskFolderException Translate(Exception e) => e is DecoderFallbackException
        ? NotUtf8()
        // Sep refuses a row past its cap, where the old reader would have held it all in memory.
        : Problem($"line {_nextLine} starts a row longer than {MaxRowLength:N0} characters "
            + "(a line that long, or a quoted field that is never closed)");

    private void Unquote(SepReader.Row row)
    {
        var count = row.ColCount;
        if (_starts.Length < count)
        {
            _starts = new int[count];
            _lengths = new int[count];
        }

        if (_unquoted.Length < row.Span.Length)
        {
            _unquoted = new char[Math.Max(row.Span.Length, _unquoted.Length * 2)];
        }

        var used = 0;
        for (var i = 0; i < count; i++)
        {
            var raw = row[i].Span;
            if (!raw.Contains('"'))
            {
                _starts[i] = -1;
                continue;
            }

            switch (CsvQuoting.Unquote(raw, _unquoted.AsSpan(used), out var written))
            {
                case FieldQuoting.NeverClosed:
                    throw Problem($"line {LineOf(row, raw)} opens a quoted field that is never closed");
                case FieldQuoting.StrayQuote:
                    throw Problem($"line {LineOf(row, raw)} has a quote inside field {i + 1} that hides a comma or a line "
                        + "break; quote the whole field and double the quotes in it");
            }

            _starts[i] = used;
            _lengths[i] = written;
            used += written;
        }
    }

    private long LineOf(SepReader.Row row, ReadOnlySpan<char> field)
    {
        row.Span.Overlaps(field, out var offset);
        var afterCr = false;
        return Line + CountLineBreaks(row.Span[..offset], ref afterCr);
    }

    private void CheckLineLengths(ReadOnlySpan<char> row)
    {
        var line = Line;
        while (true)
        {
            var end = row.IndexOfAny('\r', '\n');
            if ((end < 0 ? row.Length : end) > _maxLineLength)
            {
                throw Problem($"line {line} is longer than {_maxLineLength:N0} characters");
            }

            if (end < 0)
            {
                return;
            }

            var breakLength = row[end] == '\r' && end + 1 < row.Length && row[end + 1] == '\n' ? 2 : 1;
            row = row[(end + breakLength)..];
            line++;
        }
    }

    private void CheckHeader(string[] header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(header[i]))
            {
                throw Problem($"the header (line {Line}) has no name for column {i + 1}");
            }

            if (!seen.Add(header[i]))
            {
                throw Problem($"the header (line {Line}) names column '{header[i]}' twice");
            }
        }
    }

    /// <summary>
    /// The decoder reads ahead of the rows, so the first invalid byte is found again from the start and the line
    /// breaks before it counted; only this error path reads the file twice.
    /// </summary>
    private TaskFolderException NotUtf8()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var bytes = new byte[1 << 16];
        var chars = new char[bytes.Length];
        long line = 1;
        var carried = 0;
        var afterCr = false;
        while (true)
        {
            var read = stream.Read(bytes, carried, bytes.Length - carried);
            var available = carried + read;
            var status = Utf8.ToUtf16(
                bytes.AsSpan(0, available), chars, out var consumed, out var written, replaceInvalidSequences: false, isFinalBlock: read == 0);
            line += CountLineBreaks(chars.AsSpan(0, written), ref afterCr);
            if (status == OperationStatus.InvalidData || read == 0)
            {
                return Problem($"line {line} is not UTF-8 text");
            }

            carried = available - consumed;
            bytes.AsSpan(consumed, carried).CopyTo(bytes);
        }
    }

    /// <summary>Counts CR, LF and CRLF breaks; <paramref name="afterCr"/> carries a CR at the end over to the next text.</summary>
    private static int CountLineBreaks(ReadOnlySpan<char> text, ref bool afterCr)
    {
        var count = 0;
        while (true)
        {
            var next = text.IndexOfAny('\r', '\n');
            if (next < 0)
            {
                afterCr &= text.IsEmpty;
                return count;
            }

            if (text[next] == '\r' || !(afterCr && next == 0))
            {
                count++;
            }

            afterCr = text[next] == '\r';
            text = text[(next + 1)..];
        }
    }

    private TaskFolderException Problem(string problem) => new(FileName, problem);
}
