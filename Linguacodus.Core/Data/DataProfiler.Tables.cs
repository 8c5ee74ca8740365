using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Data;

/// <summary>
/// Every entry of a task's layout with its size, and for each related table the key that joins it to the main table:
/// a column of the same name in both; mostly unique in the related table means one row per key (a lookup), else
/// several (aggregated before the join).
/// </summary>
public static partial class DataProfiler
{
    /// <summary>A related table whose key values are at least this unique holds one row per key.</summary>
    public const double LookupUniqueness = 0.95;

    /// <summary>Whether a column's name says it holds ids ("id", "user_id", "itemId"), labels rather than quantities.</summary>
    internal static bool LooksLikeId(string name) => IdName().IsMatch(name);

    private static List<TableProfile> ProfileTables(TaskFolder folder, DataProfile main)
    {
        var layout = folder.Layout;
        var tables = new List<TableProfile>();
        foreach (var file in layout.Files)
        {
            var path = layout.PathOf(file);
            var bytes = file.IsFolder ? 0 : new FileInfo(path).Length;
            tables.Add(file switch
            {
                { IsFolder: true } or { Role: FileRole.Ignored } => new TableProfile(file.Name, file.Role, bytes, null, 0, [], null, file.Reason),
                { Role: FileRole.Train } => new TableProfile(file.Name, file.Role, bytes, main.TrainRows, main.Columns.Count, [], null, null),
                { Role: FileRole.Test } => new TableProfile(file.Name, file.Role, bytes, main.TestRows, main.TestColumns.Count, [], null, null),
                { Role: FileRole.Data } => new TableProfile(file.Name, file.Role, bytes, main.TrainRows + main.TestRows, main.Columns.Count, [], null,
                    $"{main.TestRows:N0} rows with a blank '{main.TargetColumn}' are the rows to predict"),
                { Role: FileRole.Auxiliary } => ProfileRelated(folder, main, path, bytes),
                _ => CountRows(file, path, bytes),
            });
        }

        return tables;
    }

    private static TableProfile CountRows(TaskFile file, string path, long bytes)
    {
        using var reader = new CsvReader(path);
        long rows = 0;
        while (reader.MoveNext())
        {
            rows++;
        }

        return new TableProfile(file.Name, file.Role, bytes, rows, reader.Header.Count, [], null, null);
    }

    private static TableProfile ProfileRelated(TaskFolder folder, DataProfile main, string path, long bytes)
    {
        using var table = new CsvReader(path);
        var names = table.Header;
        var candidates = names.Where(n => n != main.TargetColumn && main.TestColumns.Contains(n) && main.Columns.Any(c => c.Name == n)).ToList();
        var stats = names.Select(_ => new ColumnStats(trackAllValues: false, keepValues: false)).ToArray();
        var keyAt = candidates.Select(c => names.ToList().IndexOf(c)).ToArray();
        var keys = candidates.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        var keyed = new long[candidates.Count];
        long rows = 0;
        while (table.ReadRow() is { } row)
        {
            rows++;
            for (var column = 0; column < stats.Length; column++)
            {
                stats[column].Add(row[column]);
            }
            for (var k = 0; k < keyAt.Length; k++)
            {
                if (!IsMissing(row[keyAt[k]]))
                {
                    keys[k].Add(row[keyAt[k]].Trim());
                    keyed[k]++;
                }
            }
        }

        if (rows == 0)
        {
            throw new TaskFolderException(table.FileName, "has a header but no rows");
        }

        var columns = names.Select((n, i) => stats[i].ToProfile(n, rows)).ToList();
        var mainFiles = MainFiles(folder);
        if (candidates.Count == 0)
        {
            return new TableProfile(table.FileName, FileRole.Auxiliary, bytes, rows, names.Count, columns, null,
                $"shares no column with {mainFiles} to join on, so it is not used; give both tables a key column of the same name");
        }

        var shares = candidates.Select((c, k) => MatchedShare(folder, c, keys[k])).ToList();
        var best = Enumerable.Range(0, candidates.Count)
            .OrderByDescending(k => shares[k])
            .ThenByDescending(k => IdName().IsMatch(candidates[k]))
            .ThenByDescending(k => keys[k].Count)
            .First();
        var key = candidates[best];
        if (shares[best] == 0)
        {
            throw new TaskFolderException(
                table.FileName,
                $"none of its '{key}' values matches a '{key}' of {mainFiles}, so it cannot be joined; check that both files use the same ids, or mark {table.FileName} as ignored");
        }

        var join = new TableJoin(key, keys[best].Count < LookupUniqueness * keyed[best], shares[best]);
        var note = shares[best] < 1
            ? $"{join.MatchedPercent} of the rows of {mainFiles} have a '{key}' that {table.FileName} holds; the others get blanks for its columns"
            : null;
        return new TableProfile(table.FileName, FileRole.Auxiliary, bytes, rows, names.Count, columns, join, note);
    }

    private static string MainFiles(TaskFolder folder) => folder.TestFile is null
        ? Path.GetFileName(folder.TrainFile)
        : $"{Path.GetFileName(folder.TrainFile)} and {Path.GetFileName(folder.TestFile)}";

    /// <summary>The share of main-table rows, train and test together, whose key is among <paramref name="keys"/>.</summary>
    private static double MatchedShare(TaskFolder folder, string key, HashSet<string> keys)
    {
        long rows = 0, matched = 0;
        foreach (var file in new[] { folder.TrainFile, folder.TestFile }.OfType<string>())
        {
            using var reader = new CsvReader(file);
            var at = reader.Header.ToList().IndexOf(key);
            while (reader.ReadRow() is { } row)
            {
                rows++;
                matched += keys.Contains(row[at].Trim()) ? 1 : 0;
            }
        }

        return rows == 0 ? 0 : (double)matched / rows;
    }
}
