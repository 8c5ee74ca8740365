using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Artifacts;

/// <summary>Checks a generated submission file against the shape test.csv and the profile call for.</summary>
public static class SubmissionCheck
{
    /// <summary>Returns the problems in plain language; an empty list means the submission is valid.</summary>
    public static IReadOnlyList<string> Validate(string submissionFile, DataProfile profile, TaskFolder folder)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(folder);
        if (!File.Exists(submissionFile))
        {
            return [$"{Path.GetFileName(submissionFile)} was not written."];
        }

        try
        {
            var submission = CsvTable.Read(submissionFile);
            var testFile = folder.TestFile ?? folder.TrainFile;
            var testName = folder.TestFile is null ? $"{Path.GetFileName(testFile)} (rows with a blank '{profile.TargetColumn}')" : Path.GetFileName(testFile);
            var ids = profile.SubmissionKey is not { } id ? null
                : folder.TestFile is null ? CsvTable.Reading(testFile, () => DataProfiler.BlankRowIds(testFile, profile.TargetColumn, id))
                : CsvTable.ReadColumn(testFile, id)?.Select(v => v.Trim()).ToList();
            var expected = new ExpectedRows(testName, checked((int)profile.TestRows), ids);
            var alignment = SubmissionAlignment.Align(submission, expected, profile.SubmissionKey, profile.SubmissionColumns, ColumnMatch.Exact);
            var labels = profile.LabelList is { } list && profile.SubmissionColumns.FirstOrDefault(c => c != profile.SubmissionKey) is { } answer
                ? LabelListCheck.Problems(submission, answer, list)
                : [];
            return [.. alignment.Problems, .. EmptyValues(submission), .. labels];
        }
        catch (FormatException e)
        {
            return [e.Message];
        }
    }

    private static IEnumerable<string> EmptyValues(CsvTable submission)
    {
        var blanks = submission.Rows.Select(r => r.Count(string.IsNullOrWhiteSpace)).ToList();
        var first = blanks.FindIndex(b => b > 0);
        return first < 0
            ? []
            : [$"{submission.Name} has {blanks.Sum()} empty values, the first on line {submission.Lines[first]}."];
    }
}
