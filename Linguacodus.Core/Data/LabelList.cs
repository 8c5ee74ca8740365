using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Data;

/// <summary>
/// An answer that is a space-separated list of labels: a multi-label target (several labels per training row) or a
/// ranked top-k answer (MAP@k).
/// </summary>
/// <param name="Labels">The labels seen in training, sorted; an answer may hold only these.</param>
/// <param name="SeveralPerRow">Whether training rows hold several labels (multi-label), not one class each.</param>
/// <param name="K">How many labels an answer may hold (MAP@k's k); 0: no limit.</param>
public sealed record LabelList(IReadOnlyList<string> Labels, bool SeveralPerRow, int K)
{
    /// <summary>Vocabularies larger than this are words of prose, not labels.</summary>
    private const int MaxLabels = 100;

    /// <summary>The answer in words, for the data panel and the prompts.</summary>
    public string Describe() =>
        $"space-separated labels{(K > 0 ? $", up to {K} per row, best first" : SeveralPerRow ? ", one or more per row" : "")}"
        + $" (from {Labels.Count} labels{(SeveralPerRow ? " seen in training" : ": the classes")})";

    /// <summary>Each label of an answer cell.</summary>
    public static string[] Split(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Tells a label-list answer from the target's distinct values and the metric: many values hold several
    /// space-separated tokens that recur across values (a small vocabulary, unlike prose or names), or the metric is
    /// MAP@k over the classes. Null for an ordinary target.
    /// </summary>
    public static LabelList? Detect(IReadOnlyCollection<string> values, IReadOnlyList<string> classes, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(metric);
        var k = metric.Kind == MetricKind.MapAtK ? metric.K : 0;
        var split = values.Select(Split).ToList();
        var vocabulary = split.SelectMany(t => t).Distinct(StringComparer.Ordinal).ToList();
        var several = split.Count(t => t.Length > 1);
        var lists = several >= Math.Max(2, 0.2 * values.Count) && vocabulary.Count <= MaxLabels && vocabulary.Count < values.Count;
        return lists ? new LabelList(DataProfiler.SortLabels(vocabulary), true, k)
            : metric.Kind == MetricKind.MapAtK && classes.Count > 0 ? new LabelList(classes, false, k)
            : null;
    }
}
