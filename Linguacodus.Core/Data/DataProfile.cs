namespace Linguacodus.Core.Data;

/// <summary>What the pipeline knows about a task's data before any model is chosen.</summary>
/// <param name="Columns">Columns of train.csv in file order.</param>
/// <param name="TestColumns">Column names of test.csv.</param>
/// <param name="SubmissionColumns">Columns the submission must have (sample_submission, else id + target).</param>
/// <param name="Classes">Target classes for classification, in sorted order; empty otherwise.</param>
/// <param name="Series">The time axis of a forecast: its date column, frequency, season length and periods; null otherwise.</param>
/// <param name="ImageFolders">The task's image folders and the columns naming their files; null in runs stored before images were read.</param>
/// <param name="Tables">Every entry of the task's layout, related tables with their join; null in runs profiled before.</param>
/// <param name="Targets">
/// Every column to predict, in submission order, <paramref name="TargetColumn"/> first; documents stored before tasks
/// could have several targets hold none, which reads as that one column.
/// </param>
/// <param name="PositiveClass">A binary task's class whose probability is asked for (<see cref="PositiveClasses"/>); null otherwise
/// and in profiles stored before it was recorded.</param>
/// <param name="PositiveClassSource">Where the positive class came from.</param>
/// <param name="PositiveClassEvidence">What was read, in words (the hint, the column, the phrase, the default rule).</param>
/// <param name="PositiveClassNotes">Sources that disagree with the positive class, or a hint that does not apply.</param>
/// <param name="ClassColumns">The submission's probability columns and their classes, when it has one per class.</param>
/// <param name="LabelList">Set when the answer is a space-separated label list (multi-label or MAP@k top-k).</param>
/// <param name="TargetPositiveClasses">Several binary targets: each target's positive class as train.csv spells it; null
/// otherwise and in profiles stored before it was recorded.</param>
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
    SeriesAxis? Series = null,
    IReadOnlyList<ImageFolderProfile>? ImageFolders = null,
    IReadOnlyList<TableProfile>? Tables = null,
    IReadOnlyList<string>? Targets = null,

    string? PositiveClass = null,
    PositiveClassSource PositiveClassSource = PositiveClassSource.None,
    string? PositiveClassEvidence = null,
    IReadOnlyList<string>? PositiveClassNotes = null,
    IReadOnlyList<ClassColumn>? ClassColumns = null,
    LabelList? LabelList = null,
    IReadOnlyDictionary<string, string>? TargetPositiveClasses = null)
{
    /// <summary>The column that matches submission rows to test rows: the id, else the time axis when the submission names it.</summary>
    public string? SubmissionKey => IdColumn ?? (Series is { } series && SubmissionColumns.Contains(series.Column) ? series.Column : null);

    /// <summary>A forecast's target over the training period, for its picture; null otherwise and in profiles stored before.</summary>
    public SeriesChart? SeriesChart { get; init; }

    /// <summary>Every column to predict, in submission order; the first is <see cref="TargetColumn"/>.</summary>
    public IReadOnlyList<string> Targets { get; init; } = Targets is { Count: > 0 } targets ? targets : [TargetColumn];

    /// <summary>
    /// The kind of data, told from the files: images a table names, a time axis, free-text features, else a table.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Modality Modality =>
        ImageFolderProfiler.LinkOf(ImageFolders, Tasks.FileRole.Train) is not null ? Modality.Image
        : Series is not null ? Modality.TimeSeries
        : Features.Any(c => c.Kind == ColumnKind.Text) ? Modality.Text
        : Modality.Tabular;

    /// <summary>Feature columns: in both train and test, neither the id nor a target.</summary>
    public IEnumerable<ColumnProfile> Features =>
        Columns.Where(c => !Targets.Contains(c.Name) && c.Name != IdColumn && TestColumns.Contains(c.Name));

    public ColumnProfile Target => Columns.First(c => c.Name == TargetColumn);

    public long MissingValues => Columns.Sum(c => c.Missing);
}
