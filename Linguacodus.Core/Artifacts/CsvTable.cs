using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Artifacts;

/// <summary>A CSV file read whole: submissions and answer files are test-sized, and aligning them needs random access.</summary>
/// <param name="Name">The file's name, for messages.</param>
/// <param name="Header">The column names.</param>
/// <param name="Rows">The data rows.</param>
/// <param name="Lines">For each row, the file line it ends on (quoted fields may span lines).</param>
internal sealed record CsvTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows, IReadOnlyList<long> Lines)
{
    /// <exception cref="FormatException">The file cannot be read or is not well-formed CSV.</exception>
    public static CsvTable Read(string path) => Reading(path, () =>
    {
        using var reader = new CsvReader(path);
        var rows = new List<string[]>();
        var lines = new List<long>();
        while (reader.ReadRow() is { } row)
        {
            rows.Add(row);
            lines.Add(reader.Line);
        }

        return new CsvTable(reader.FileName, reader.Header, rows, lines);
    });

    /// <summary>One column of a file, streamed so that only that column is held (test.csv can be wide).</summary>
    /// <returns>The column's values, or null when the file has no such column.</returns>
    /// <exception cref="FormatException">The file cannot be read or is not well-formed CSV.</exception>
    public static List<string>? ReadColumn(string path, string column) => Reading(path, () =>
    {
        using var reader = new CsvReader(path);
        var index = reader.Header.ToList().IndexOf(column);
        if (index < 0)
        {
            return null;
        }

        var values = new List<string>();
        while (reader.ReadRow() is { } row)
        {
            values.Add(row[index]);
        }

        return values;
    });

    /// <summary>The position of a column, or -1.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (Header[i] == column)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A column's values, in the order of <paramref name="rows"/> (all rows when null).</summary>
    public IReadOnlyList<string> Column(int index, IReadOnlyList<int>? rows = null) =>
        rows is null ? [.. Rows.Select(r => r[index])] : [.. rows.Select(r => Rows[r][index])];

    /// <summary>Reports reader and I/O problems as <see cref="FormatException"/>, the one failure scoring callers handle.</summary>
    internal static T Reading<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (TaskFolderException e)
        {
            throw new FormatException($"{e.Message}.", e);
        }
        catch (IOException e)
        {
            throw new FormatException($"{Path.GetFileName(path)} cannot be read: {e.Message}", e);
        }
    }
}
