namespace Linguacodus.Core.Data;

/// <summary>What the pipeline knows about a task's data before any model is chosen.</summary>
/// <param name="Columns">Columns of train.csv in file order.</param>
/// <param name="TestColumns">Column names of test.csv.</param>
/// <param name="SubmissionColumns">Columns the submission must have (sample_submission, else id + target).</param>
/// <param name="Classes">Target classes for classification, in sorted order; empty otherwise.</param>
/// <param name="Tables">Every entry of the task's layout, related tables with their join; null in runs profiled before.</param>
public sealed record DataProfile(
    long TrainRows,
    long TestRows,
    IReadOnlyList<ColumnProfile> Columns,
    IReadOnlyList<string> TestColumns,
    string? IdColumn,
    string TargetColumn,
    TargetSource TargetSource,
    string? DateColumn,
    TaskKind TaskKind,
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> SubmissionColumns,
    IReadOnlyList<TableProfile>? Tables = null)
{
    /// <summary>Feature columns: in both train and test, neither the id nor the target.</summary>
    public IEnumerable<ColumnProfile> Features =>
        Columns.Where(c => c.Name != TargetColumn && c.Name != IdColumn && TestColumns.Contains(c.Name));

    public ColumnProfile Target => Columns.First(c => c.Name == TargetColumn);

    public long MissingValues => Columns.Sum(c => c.Missing);
}
