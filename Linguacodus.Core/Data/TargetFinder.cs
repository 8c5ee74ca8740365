using System.Text.RegularExpressions;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Data;

/// <summary>
/// Works out which train columns a task asks to predict: one, or several predicted together (one submission column
/// each). The analyst's names win, then the sample submission, the data card and the columns train has beyond test.
/// </summary>
internal static class TargetFinder
{
    /// <summary>The targets in submission order, and where they were found.</summary>
    /// <param name="folder">The task folder; its task.json "targets" hint counts as the analyst's names.</param>
    /// <param name="trainColumns">The train table's header.</param>
    /// <param name="testColumns">The test table's header.</param>
    /// <param name="sampleColumns">The sample submission's header, when there is one.</param>
    /// <param name="idColumn">The id column, which is never a target.</param>
    /// <param name="named">Columns the analyst named as the targets (the web form's box); task.json's hint otherwise.</param>
    /// <exception cref="TaskFolderException">A named column is not in train, or the targets cannot be told.</exception>
    public static (IReadOnlyList<string> Targets, TargetSource Source) Find(
        TaskFolder folder,
        IReadOnlyList<string> trainColumns,
        IReadOnlyList<string> testColumns,
        IReadOnlyList<string>? sampleColumns,
        string? idColumn,
        IReadOnlyList<string>? named)
    {
        var trainFile = Path.GetFileName(folder.TrainFile);
        named = named is { Count: > 0 } ? named : folder.Hints.Targets;
        if (named.Count > 0)
        {
            return named.FirstOrDefault(t => !trainColumns.Contains(t)) is { } unknown
                ? throw new TaskFolderException(
                    trainFile,
                    $"has no column '{unknown}' to use as a target; its columns are {string.Join(", ", trainColumns)}")
                : ([.. named.Distinct()], TargetSource.User);
        }

        // A sample submission whose every prediction column is a train column names the targets, in its own order.
        // Columns that are not in train (one probability per class, for instance) say nothing about which column, and
        // one the test table has (a key such as a series' date) is known for the rows to predict, so it is no target.
        var fromSample = sampleColumns?.Where(c => c != idColumn && !testColumns.Contains(c)).ToList();
        if (fromSample is { Count: > 0 } && fromSample.All(trainColumns.Contains))
        {
            return (fromSample, TargetSource.SampleSubmission);
        }

        var columnwise = folder.Metric.Kind is MetricKind.MeanColumnwiseRmse or MetricKind.MeanColumnwiseRocAuc;
        if (FromDataCard(folder.Task.DataCard, trainColumns, testColumns, idColumn, columnwise) is { } fromCard)
        {
            return (fromCard, TargetSource.DataCard);
        }

        var difference = trainColumns.Where(c => c != idColumn && !testColumns.Contains(c)).ToList();
        return difference is [_] || (columnwise && difference.Count > 1)
            ? (difference, TargetSource.TrainTestDifference)
            : throw new TaskFolderException(
                trainFile,
                $"cannot tell the target column: the sample submission does not name one, the data card does not single one out, "
                + $"and {difference.Count} train columns are not in the test table ({string.Join(", ", difference)}); "
                + "name the target by hand (several targets separated by commas)");
    }

    /// <summary>
    /// The one train-only column the card mentions; for a column-wise metric, every train-only column it mentions;
    /// else the columns it calls the target ("predict X", "X is the target"). Null when it does not tell.
    /// </summary>
    private static List<string>? FromDataCard(
        string card, IReadOnlyList<string> trainColumns, IReadOnlyList<string> testColumns, string? idColumn, bool columnwise)
    {
        var named = trainColumns.Where(c => c != idColumn && Mentions(card, c)).ToList();
        var namedNotInTest = named.Where(c => !testColumns.Contains(c)).ToList();
        if (namedNotInTest is [_] || (columnwise && namedNotInTest.Count > 1))
        {
            return namedNotInTest;
        }

        var flagged = named.Where(c => Flags(card, c)).ToList();
        // Several targets are only ever columns the test table lacks: a test column is an input to predict from.
        var flaggedNotInTest = flagged.Where(c => !testColumns.Contains(c)).ToList();
        return flagged is [_] ? flagged
            : flaggedNotInTest.Count > 1 ? flaggedNotInTest
            : null;
    }

    internal static bool Mentions(string text, string column) =>
        Regex.IsMatch(text, $@"(?<!\w){Regex.Escape(column)}(?!\w)", RegexOptions.IgnoreCase);

    internal static bool Flags(string text, string column)
    {
        var name = Regex.Escape(column);
        return Regex.IsMatch(text, $@"(?<!\w){name}\W*(column\s+)?(is|as)\s+(the\s+|a\s+)?target", RegexOptions.IgnoreCase)
            || Regex.IsMatch(text, $@"predict(s|ed|ing)?\s+(the\s+)?\W?{name}(?!\w)", RegexOptions.IgnoreCase);
    }
}
