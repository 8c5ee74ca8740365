using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Data;

/// <summary>
/// An imputation task: one data file whose target is blank in the rows to predict. One pass over the file profiles
/// every column; the rows with the target are the training rows, the blank ones the test rows.
/// </summary>
public static partial class DataProfiler
{
    private static DataProfile ProfileData(TaskFolder folder, string? targetOverride)
    {
        var sampleColumns = folder.SampleSubmissionFile is { } sample ? ReadHeader(sample) : null;
        using var data = new CsvReader(folder.TrainFile);
        var names = data.Header;
        var idCandidates = names.Where(n => IdName().IsMatch(n)).ToHashSet();
        var stats = names.Select(n => new ColumnStats(trackAllValues: idCandidates.Contains(n), keepValues: true)).ToArray();
        var blanks = new long[names.Count];
        var rows = CsvRowBlock.ReadAll(data, stats.Length, (block, column) =>
        {
            for (var row = 0; row < block.Count; row++)
            {
                var field = block.Field(row, column);
                blanks[column] += IsMissing(field) ? 1 : 0;
                stats[column].Add(field);
            }
        });

        if (rows == 0)
        {
            throw new TaskFolderException(data.FileName, "has a header but no rows");
        }

        var (target, source) = FindBlankTarget(folder, data.FileName, names, blanks, sampleColumns, targetOverride);
        var targetIndex = names.ToList().IndexOf(target);
        var testRows = blanks[targetIndex];
        if (testRows == 0 || testRows == rows)
        {
            throw new TaskFolderException(
                data.FileName,
                testRows == 0
                    ? $"'{target}' has no blank cells, so there are no rows to fill; blank the target in the rows to predict"
                    : $"'{target}' is blank in every row, so there is nothing to learn from");
        }

        var columns = names.Select((n, i) => stats[i].ToProfile(n, rows)).ToList();
        var testColumns = names.Where(n => n != target).ToList();
        var idColumn = names.Where((n, i) => idCandidates.Contains(n) && n != target && stats[i].AllDistinct(rows)).FirstOrDefault()
            ?? (sampleColumns is [var first, ..] && first != target && names.Contains(first) ? first : null);
        var dateColumn = columns.FirstOrDefault(c => c.Kind == ColumnKind.Date && c.Name != target && c.Name != idColumn)?.Name;
        var kind = TaskKindOf(folder, columns[targetIndex], stats[targetIndex], dateColumn);
        IReadOnlyList<string> classes = kind is TaskKind.Binary or TaskKind.Multiclass ? SortLabels(stats[targetIndex].DistinctValues) : [];
        IReadOnlyList<string> submissionColumns = sampleColumns ?? (idColumn is null ? [target] : [idColumn, target]);
        return new DataProfile(
            rows - testRows, testRows, columns, testColumns, idColumn, target, source, dateColumn, kind, classes, submissionColumns);
    }

    /// <summary>
    /// The ids of the rows an imputation task asks for (those whose target is blank), in file order; the submission
    /// must hold exactly these.
    /// </summary>
    /// <exception cref="TaskFolderException">The file lacks the target or the id column.</exception>
    public static List<string> BlankRowIds(string dataFile, string target, string idColumn)
    {
        using var data = new CsvReader(dataFile);
        var header = data.Header.ToList();
        var (targetAt, idAt) = (header.IndexOf(target), header.IndexOf(idColumn));
        if (targetAt < 0 || idAt < 0)
        {
            throw new TaskFolderException(data.FileName, $"has no column '{(targetAt < 0 ? target : idColumn)}'");
        }

        var ids = new List<string>();
        while (data.ReadRow() is { } row)
        {
            if (IsMissing(row[targetAt]))
            {
                ids.Add(row[idAt].Trim());
            }
        }

        return ids;
    }

    /// <summary>
    /// The column to fill: the analyst's, else one the task names (task.json's targets, the sample submission, the data
    /// card) that has blanks, else the only column with blanks.
    /// </summary>
    private static (string Column, TargetSource Source) FindBlankTarget(
        TaskFolder folder, string fileName, IReadOnlyList<string> names, long[] blanks, IReadOnlyList<string>? sampleColumns, string? targetOverride)
    {
        if (targetOverride is not null)
        {
            return names.Contains(targetOverride)
                ? (targetOverride, TargetSource.User)
                : throw new TaskFolderException(fileName, $"has no column '{targetOverride}' to use as the target");
        }

        var withBlanks = names.Where((n, i) => blanks[i] > 0).ToList();
        if (folder.Hints.Targets is [var hinted] && names.Contains(hinted))
        {
            return (hinted, TargetSource.User);
        }

        if (sampleColumns?.Where(withBlanks.Contains).ToList() is [var sampleTarget])
        {
            return (sampleTarget, TargetSource.SampleSubmission);
        }

        var card = folder.Task.DataCard;
        var named = withBlanks.Where(c => TargetFinder.Mentions(card, c)).ToList();
        if ((named.Count == 1 ? named : [.. named.Where(c => TargetFinder.Flags(card, c))]) is [var cardTarget])
        {
            return (cardTarget, TargetSource.DataCard);
        }

        return withBlanks is [var only]
            ? (only, TargetSource.Blanks)
            : throw new TaskFolderException(
                fileName,
                withBlanks.Count == 0
                    ? "no column has blank cells, so there are no rows to fill; blank the target in the rows to predict, or give train.csv and test.csv"
                    : $"cannot tell which column to fill: {withBlanks.Count} columns have blank cells ({string.Join(", ", withBlanks.Take(10))}) "
                        + "and neither the sample submission nor the data card singles one out; choose the target by hand");
    }
}
