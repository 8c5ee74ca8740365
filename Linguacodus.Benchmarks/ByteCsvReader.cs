using System.Text;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Benchmarks;

/// <summary>
/// The hand-written byte-by-byte reader that came before the Sep-based <c>CsvReader</c>, kept only as the
/// benchmarks' baseline. Streams an RFC 4180 CSV file: the header on opening, then one row per <see cref="ReadRow"/>.
/// Problems are reported as <see cref="TaskFolderException"/> naming the file and the line.
/// </summary>
/// <remarks>
/// Parses bytes rather than chars: the delimiters are ASCII and never occur inside a UTF-8 sequence,
/// and decoding each field separately lets invalid UTF-8 be reported at its own line.
/// </remarks>
internal sealed class ByteCsvReader : IDisposable
{
    public const int DefaultMaxLineLength = 1_000_000;

    private const int Eof = -1;
    private const int LineBreak = -2;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly int _maxLineLength;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly List<string> _fields = [];
    private byte[] _field = new byte[256];
    private int _fieldLength;
    private int _position;
    private int _length;
    private long _line = 1;
    private long _lineLength;
    private bool _breakHadCr;
    private bool _breakHadLf;

    public ByteCsvReader(string path, int maxLineLength = DefaultMaxLineLength)
    {
        FileName = Path.GetFileName(path);
        _maxLineLength = maxLineLength;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            if (Fill() && _length >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _position = 3;
            }

            Header = ReadRecord() ?? throw Problem("the file is empty");
            CheckHeader(Header);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    /// <summary>The file's name without its folder, as used in messages.</summary>
    public string FileName { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The line on which the row last returned by <see cref="ReadRow"/> starts.</summary>
    public long Line { get; private set; }

    /// <summary>Returns the next row, or null at the end of the file.</summary>
    /// <exception cref="TaskFolderException">The row is malformed or its field count differs from the header's.</exception>
    public string[]? ReadRow()
    {
        var row = ReadRecord();
        if (row is not null && row.Length != Header.Count)
        {
            throw Problem($"line {Line} has {row.Length} fields, the header has {Header.Count}");
        }

        return row;
    }

    public void Dispose() => _stream.Dispose();

    private void CheckHeader(IReadOnlyList<string> header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
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

    private string[]? ReadRecord()
    {
        _fields.Clear();
        _fieldLength = 0;
        var state = State.Unquoted;
        var started = false;
        long quoteLine = 0;
        while (true)
        {
            var c = Next();
            if (state == State.Quoted)
            {
                switch (c)
                {
                    case Eof:
                        throw Problem($"line {quoteLine} opens a quoted field that is never closed");
                    case '"':
                        state = State.QuoteInQuoted;
                        break;
                    case LineBreak:
                        AppendBreak();
                        break;
                    default:
                        Append((byte)c);
                        break;
                }

                continue;
            }

            if (state == State.QuoteInQuoted)
            {
                state = State.Unquoted;
                if (c == '"')
                {
                    // RFC 4180 escapes a quote inside a quoted field by doubling it.
                    Append((byte)'"');
                    state = State.Quoted;
                    continue;
                }
            }

            if (!started)
            {
                if (c == LineBreak)
                {
                    continue; // blank lines carry no row, as in pandas
                }

                if (c == Eof)
                {
                    return null;
                }

                started = true;
                Line = _line;
            }

            switch (c)
            {
                case Eof or LineBreak:
                    EndField();
                    return [.. _fields];
                case ',':
                    EndField();
                    break;
                case '"' when _fieldLength == 0:
                    state = State.Quoted;
                    quoteLine = _line;
                    break;
                default:
                    // A stray quote inside an unquoted field is kept as text, as spreadsheets write it.
                    Append((byte)c);
                    break;
            }
        }
    }

    /// <summary>The next byte, <see cref="LineBreak"/> for CR, LF or CRLF, or <see cref="Eof"/>.</summary>
    private int Next()
    {
        if (!Fill())
        {
            return Eof;
        }

        var b = _buffer[_position++];
        if (b is (byte)'\r' or (byte)'\n')
        {
            _breakHadCr = b == '\r';
            _breakHadLf = b == '\n' || (Fill() && _buffer[_position] == '\n');
            if (_breakHadCr && _breakHadLf)
            {
                _position++;
            }

            _line++;
            _lineLength = 0;
            return LineBreak;
        }

        // Count characters, not bytes: UTF-8 continuation bytes look like 10xxxxxx.
        if ((b & 0xC0) != 0x80 && ++_lineLength > _maxLineLength)
        {
            throw Problem($"line {_line} is longer than {_maxLineLength:N0} characters");
        }

        return b;
    }

    private bool Fill()
    {
        if (_position < _length)
        {
            return true;
        }

        _length = _stream.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }

    private void AppendBreak()
    {
        if (_breakHadCr)
        {
            Append((byte)'\r');
        }

        if (_breakHadLf)
        {
            Append((byte)'\n');
        }
    }

    private void Append(byte b)
    {
        if (_fieldLength == _field.Length)
        {
            Array.Resize(ref _field, _field.Length * 2);
        }

        _field[_fieldLength++] = b;
    }

    private void EndField()
    {
        try
        {
            _fields.Add(StrictUtf8.GetString(_field, 0, _fieldLength));
        }
        catch (DecoderFallbackException)
        {
            throw Problem($"line {Line} is not UTF-8 text");
        }

        _fieldLength = 0;
    }

    private TaskFolderException Problem(string problem) => new(FileName, problem);

    private enum State
    {
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
}
