using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Artifacts;

/// <summary>Checks a generated submission file against the shape test.csv and the profile call for.</summary>
public static class SubmissionCheck
{
    private const int ShownIds = 5;

    /// <summary>Returns the problems in plain language; an empty list means the submission is valid.</summary>
    public static IReadOnlyList<string> Validate(string submissionFile, DataProfile profile, TaskFolder folder)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(folder);
        var name = Path.GetFileName(submissionFile);
        if (!File.Exists(submissionFile))
        {
            return [$"{name} was not written."];
        }

        var problems = new List<string>();
        try
        {
            using var submission = new CsvReader(submissionFile);
            var header = submission.Header;
            if (!header.SequenceEqual(profile.SubmissionColumns))
            {
                problems.Add(
                    $"{name} has the columns {string.Join(", ", header)}; expected {string.Join(", ", profile.SubmissionColumns)}.");
            }

            var idIndex = profile.IdColumn is null ? -1 : IndexOf(header, profile.IdColumn);
            var ids = new List<string>();
            long rows = 0;
            long empty = 0;
            long firstEmptyLine = 0;
            while (submission.ReadRow() is { } row)
            {
                rows++;
                if (idIndex >= 0)
                {
                    ids.Add(row[idIndex].Trim());
                }

                var blanks = row.Count(string.IsNullOrWhiteSpace);
                if (blanks > 0 && empty == 0)
                {
                    firstEmptyLine = submission.Line;
                }

                empty += blanks;
            }

            if (rows != profile.TestRows)
            {
                problems.Add($"{name} has {rows} rows; test.csv has {profile.TestRows}.");
            }

            if (idIndex >= 0)
            {
                problems.AddRange(CompareIds(name, ids, folder.TestFile, profile.IdColumn!));
            }

            if (empty > 0)
            {
                problems.Add($"{name} has {empty} empty values, the first on line {firstEmptyLine}.");
            }
        }
        catch (TaskFolderException e)
        {
            problems.Add($"{e.Message}.");
        }

        return problems;
    }

    private static IEnumerable<string> CompareIds(string name, List<string> submissionIds, string testFile, string idColumn)
    {
        using var test = new CsvReader(testFile);
        var testIndex = IndexOf(test.Header, idColumn);
        if (testIndex < 0)
        {
            yield break;
        }

        var submitted = submissionIds.ToHashSet(StringComparer.Ordinal);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        while (test.ReadRow() is { } row)
        {
            var id = row[testIndex].Trim();
            if (expected.Add(id) && !submitted.Contains(id))
            {
                missing.Add(id);
            }
        }

        var extra = submissionIds.Where(id => !expected.Contains(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            yield return $"{missing.Count} {idColumn} values of test.csv are missing from {name} (first: {First(missing)}).";
        }

        if (extra.Count > 0)
        {
            yield return $"{extra.Count} {idColumn} values in {name} are not in test.csv (first: {First(extra)}).";
        }

        var duplicates = submissionIds.Count - submitted.Count;
        if (duplicates > 0)
        {
            yield return $"{name} repeats {duplicates} {idColumn} values.";
        }
    }

    private static string First(List<string> ids) => string.Join(", ", ids.Take(ShownIds));

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == column)
            {
                return i;
            }
        }

        return -1;
    }
}
