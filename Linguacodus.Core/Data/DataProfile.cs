namespace Linguacodus.Core.Data;

/// <summary>What the pipeline knows about a task's data before any model is chosen.</summary>
/// <param name="Columns">Columns of train.csv in file order.</param>
/// <param name="TestColumns">Column names of test.csv.</param>
/// <param name="SubmissionColumns">Columns the submission must have (sample_submission, else id + target).</param>
/// <param name="Classes">Target classes for classification, in sorted order; empty otherwise.</param>
/// <param name="PositiveClass">A binary task's class whose probability is asked for (<see cref="PositiveClasses"/>); null otherwise
/// and in profiles stored before it was recorded.</param>
/// <param name="PositiveClassSource">Where the positive class came from.</param>
/// <param name="PositiveClassEvidence">What was read, in words (the hint, the column, the phrase, the default rule).</param>
/// <param name="PositiveClassNotes">Sources that disagree with the positive class, or a hint that does not apply.</param>
/// <param name="ClassColumns">The submission's probability columns and their classes, when it has one per class.</param>
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
    string? PositiveClass = null,
    PositiveClassSource PositiveClassSource = PositiveClassSource.None,
    string? PositiveClassEvidence = null,
    IReadOnlyList<string>? PositiveClassNotes = null,
    IReadOnlyList<ClassColumn>? ClassColumns = null)
{
    /// <summary>Feature columns: in both train and test, neither the id nor the target.</summary>
    public IEnumerable<ColumnProfile> Features =>
        Columns.Where(c => c.Name != TargetColumn && c.Name != IdColumn && TestColumns.Contains(c.Name));

    public ColumnProfile Target => Columns.First(c => c.Name == TargetColumn);

    public long MissingValues => Columns.Sum(c => c.Missing);
}
