namespace Linguacodus.Core.Artifacts;

/// <summary>The rows a submission must predict: test.csv's or the answers' ids, or only their number.</summary>
/// <param name="Name">The file they come from, for messages.</param>
/// <param name="Count">How many rows.</param>
/// <param name="Ids">Their ids, trimmed, in file order; null when rows are matched by order.</param>
internal sealed record ExpectedRows(string Name, int Count, IReadOnlyList<string>? Ids);

/// <summary>How strictly a submission's header must match.</summary>
internal enum ColumnMatch
{
    /// <summary>The header is exactly the expected columns, in order (the task's submission format).</summary>
    Exact,

    /// <summary>Each expected column is found by name; a lone prediction column may be named differently.</summary>
    ByName,
}

/// <summary>
/// A submission matched with the rows and columns it must predict; the one alignment behind both the submission check
/// (against test.csv) and scoring (against the held-apart answers).
/// </summary>
/// <param name="Rows">For each expected row, the submission row predicting it, or -1 when none does.</param>
/// <param name="Columns">For each expected column, the submission column holding it, or -1.</param>
/// <param name="Problems">What does not match, in plain language; empty when every row and column lines up.</param>
internal sealed record SubmissionAlignment(IReadOnlyList<int> Rows, IReadOnlyDictionary<string, int> Columns, IReadOnlyList<string> Problems)
{
    private const int ShownIds = 5;

    /// <param name="submission">The submission, read whole.</param>
    /// <param name="expected">The rows it must predict.</param>
    /// <param name="idColumn">The column that matches rows; null matches them by order.</param>
    /// <param name="columns">The columns it must hold, in order, the id column among them when there is one.</param>
    /// <param name="match">How strictly the header must match.</param>
    public static SubmissionAlignment Align(
        CsvTable submission, ExpectedRows expected, string? idColumn, IReadOnlyList<string> columns, ColumnMatch match)
    {
        var problems = new List<string>();
        var found = MatchColumns(submission, idColumn, columns, match, problems);
        if (submission.Rows.Count != expected.Count)
        {
            problems.Add($"{submission.Name} has {submission.Rows.Count} rows; {expected.Name} has {expected.Count}.");
        }

        var idIndex = idColumn is null ? -1 : submission.IndexOf(idColumn);
        var rows = idColumn is null || expected.Ids is null
            ? [.. Enumerable.Range(0, expected.Count).Select(i => i < submission.Rows.Count ? i : -1)]
            : idIndex < 0
                ? Enumerable.Repeat(-1, expected.Count).ToArray()
                : MatchIds(submission, idIndex, expected, idColumn, problems);
        if (idColumn is not null && idIndex < 0 && match == ColumnMatch.ByName)
        {
            problems.Add($"{submission.Name} has no id column '{idColumn}'.");
        }

        return new SubmissionAlignment(rows, found, problems);
    }

    /// <summary>The values of one expected column, in expected-row order; call only when there are no problems.</summary>
    public IReadOnlyList<string> Values(CsvTable submission, string column) => submission.Column(Columns[column], Rows);

    private static Dictionary<string, int> MatchColumns(
        CsvTable submission, string? idColumn, IReadOnlyList<string> columns, ColumnMatch match, List<string> problems)
    {
        var found = columns.Distinct().ToDictionary(c => c, submission.IndexOf);
        if (match == ColumnMatch.Exact)
        {
            if (!submission.Header.SequenceEqual(columns))
            {
                // With several target columns, say which are missing and which are not asked for.
                var missing = columns.Except(submission.Header).ToList();
                var extra = submission.Header.Except(columns).ToList();
                problems.Add($"{submission.Name} has the columns {string.Join(", ", submission.Header)}; expected {string.Join(", ", columns)}"
                    + (missing.Count > 0 ? $" (missing: {string.Join(", ", missing)})" : "")
                    + (extra.Count > 0 ? $" (not expected: {string.Join(", ", extra)})" : "") + ".");
            }

            return found;
        }

        // A lone prediction column may be named differently from the answers' (e.g. "target" for "Survived").
        var predictions = columns.Where(c => c != idColumn).ToList();
        var others = submission.Header.Where(c => c != idColumn).ToList();
        if (predictions is [var wanted] && found[wanted] < 0 && others is [var only])
        {
            found[wanted] = submission.IndexOf(only);
        }

        problems.AddRange(predictions.Where(c => found[c] < 0).Select(c => $"{submission.Name} has no column '{c}'."));
        return found;
    }

    private static int[] MatchIds(CsvTable submission, int idIndex, ExpectedRows expected, string idColumn, List<string> problems)
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeated = new List<string>();
        for (var i = 0; i < submission.Rows.Count; i++)
        {
            var id = submission.Rows[i][idIndex].Trim();
            if (!byId.TryAdd(id, i))
            {
                repeated.Add(id);
            }
        }

        var wanted = expected.Ids!.ToHashSet(StringComparer.Ordinal);
        var missing = expected.Ids!.Where(id => !byId.ContainsKey(id)).Distinct().ToList();
        var extra = byId.Keys.Where(id => !wanted.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{missing.Count} {idColumn} values of {expected.Name} are missing from {submission.Name} (first: {First(missing)}).");
        }

        if (extra.Count > 0)
        {
            problems.Add($"{extra.Count} {idColumn} values in {submission.Name} are not in {expected.Name} (first: {First(extra)}).");
        }

        if (repeated.Count > 0)
        {
            problems.Add($"{submission.Name} repeats {repeated.Count} {idColumn} values (first: {First(repeated.Distinct())}).");
        }

        if (wanted.Count < expected.Ids!.Count)
        {
            problems.Add($"{expected.Name} repeats {expected.Ids!.Count - wanted.Count} {idColumn} values; each row needs its own id.");
        }

        return [.. expected.Ids!.Select(id => byId.GetValueOrDefault(id, -1))];
    }

    private static string First(IEnumerable<string> ids) => string.Join(", ", ids.Take(ShownIds));
}
