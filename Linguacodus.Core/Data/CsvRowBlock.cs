namespace Linguacodus.Core.Data;

/// <summary>
/// A block of consecutive rows copied out of a <see cref="CsvReader"/>, so that they can be gone through column by
/// column. About 64 Ki fields a block, so memory stays flat whatever the file's length or width.
/// </summary>
internal sealed class CsvRowBlock
{
    private const int FieldsPerBlock = 1 << 16;

    private readonly int _columns;
    private readonly int _capacity;
    // Column-major, so a column's fields are read in order.
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private char[] _text = new char[FieldsPerBlock * 8];

    public CsvRowBlock(int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        _columns = columns;
        _capacity = Math.Max(1, FieldsPerBlock / columns);
        _starts = new int[_capacity * columns];
        _lengths = new int[_capacity * columns];
    }

    /// <summary>How many rows the last <see cref="Fill"/> read.</summary>
    public int Count { get; private set; }

    /// <summary>Reads the next rows; false when the file has none left.</summary>
    /// <exception cref="Tasks.TaskFolderException">A row is malformed, as <see cref="CsvReader.MoveNext"/> reports.</exception>
    public bool Fill(CsvReader reader)
    {
        Count = 0;
        var used = 0;
        while (Count < _capacity && reader.MoveNext())
        {
            for (var column = 0; column < _columns; column++)
            {
                var field = reader.Field(column);
                if (used + field.Length > _text.Length)
                {
                    Array.Resize(ref _text, Math.Max(_text.Length * 2, used + field.Length));
                }

                field.CopyTo(_text.AsSpan(used));
                var at = column * _capacity + Count;
                _starts[at] = used;
                _lengths[at] = field.Length;
                used += field.Length;
            }

            Count++;
        }

        return Count > 0;
    }

    public ReadOnlySpan<char> Field(int row, int column)
    {
        var at = column * _capacity + row;
        return _text.AsSpan(_starts[at], _lengths[at]);
    }
}
