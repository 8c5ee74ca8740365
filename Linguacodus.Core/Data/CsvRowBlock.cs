using System.Collections.Concurrent;

namespace Linguacodus.Core.Data;

/// <summary>
/// A block of consecutive rows copied out of a <see cref="CsvReader"/>, so that they can be gone through column by
/// column. About 64 Ki fields a block, so it stays in the cache and memory stays flat whatever the file's length; a
/// wide file's block holds at least 128 rows (up to 1 Mi fields), so each column's counts are taken many rows at a
/// time while they are in the cache (with 32 rows of 2,000 columns, looking up distinct values took a third of the time).
/// </summary>
internal sealed class CsvRowBlock
{
    private const int FieldsPerBlock = 1 << 16;
    private const int MostFieldsPerBlock = 1 << 20;
    private const int FewestRows = 128;

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
        _capacity = Math.Max(1, Math.Min(Math.Max(FieldsPerBlock / columns, FewestRows), MostFieldsPerBlock / columns));
        _starts = new int[_capacity * columns];
        _lengths = new int[_capacity * columns];
    }

    /// <summary>
    /// Reads every row of the file, a block at a time, on a thread of its own, while <paramref name="consumeColumn"/>
    /// takes each column of the blocks already read, columns in parallel: parsing and profiling share the cores.
    /// Three blocks take turns.
    /// </summary>
    /// <returns>How many rows the file has.</returns>
    /// <exception cref="Tasks.TaskFolderException">A row is malformed.</exception>
    public static long ReadAll(CsvReader reader, int columns, Action<CsvRowBlock, int> consumeColumn)
    {
        using var free = new BlockingCollection<CsvRowBlock>();
        using var filled = new BlockingCollection<CsvRowBlock>();
        using var stop = new CancellationTokenSource();
        for (var i = 0; i < 3; i++)
        {
            free.Add(new CsvRowBlock(columns));
        }

        var producer = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    for (var block = free.Take(stop.Token); block.Fill(reader); block = free.Take(stop.Token))
                    {
                        filled.Add(block);
                    }
                }
                finally
                {
                    filled.CompleteAdding();
                }
            },
            stop.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        long rows = 0;
        try
        {
            foreach (var block in filled.GetConsumingEnumerable())
            {
                rows += block.Count;
                Parallel.For(0, columns, column => consumeColumn(block, column));
                free.Add(block);
            }
        }
        catch
        {
            stop.Cancel();
            // The reader is waited for before the file is closed under it.
            ((IAsyncResult)producer).AsyncWaitHandle.WaitOne();
            throw;
        }

        producer.GetAwaiter().GetResult();
        return rows;
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
