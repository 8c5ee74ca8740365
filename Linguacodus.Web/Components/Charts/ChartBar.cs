using System.Globalization;
using Linguacodus.Core.Data;

namespace Linguacodus.Web.Components.Charts;

/// <summary>One bar of a chart: its height, what it stands for in words, and whether it is the one to notice.</summary>
/// <param name="Rest">The bar counts everything not named (other values), drawn apart from the named bars.</param>
public sealed record ChartBar(double Value, string Label, bool Marked = false, bool Rest = false);

/// <summary>The bars of the profile's distributions, with labels an analyst can read in a tooltip.</summary>
public static class ChartBars
{
    /// <summary>A histogram's bins, each labelled with its range and count.</summary>
    public static IReadOnlyList<ChartBar> Of(Histogram histogram) => histogram.Width == 0
        ? [new ChartBar(histogram.Counts[0], $"every value is {Number(histogram.Min)}: {histogram.Counts[0]:N0}")]
        : [.. histogram.Counts.Select((count, bin) =>
            new ChartBar(count, $"{Number(histogram.Start + (bin * histogram.Width))} to {Number(histogram.Start + ((bin + 1) * histogram.Width))}: {count:N0}"))];

    /// <summary>The most common values, the <paramref name="marked"/> one marked, and the other values as one bar.</summary>
    public static IReadOnlyList<ChartBar> Of(ValueCounts counts, string? marked = null) =>
    [
        .. counts.Top.Select(v => new ChartBar(v.Count, $"{v.Value}: {v.Count:N0}", v.Value == marked)),
        .. counts.Other > 0 ? [new ChartBar(counts.Other, $"other values: {counts.Other:N0}", Rest: true)] : Array.Empty<ChartBar>(),
    ];

    /// <summary>A column's small picture: its histogram, its value counts, or for text the lengths of its values; null when it has none.</summary>
    public static IReadOnlyList<ChartBar>? Of(ColumnProfile column) =>
        column.Histogram is { } histogram ? Of(histogram)
        : column.Counts is { Top.Count: > 0 } counts ? Of(counts)
        : column.Length?.Chars is { } lengths ? Of(lengths)
        : null;

    /// <summary>What a column's small picture shows.</summary>
    public static string TitleOf(ColumnProfile column) =>
        column.Histogram is not null ? $"How the values of {column.Name} spread"
        : column.Counts is not null ? $"The most common values of {column.Name}"
        : $"How long the values of {column.Name} are, in characters";

    /// <summary>Why a column has no picture, in a few words.</summary>
    public static string Missing(ColumnProfile column, long rows) =>
        column.Missing == rows ? "every value is missing"
        : column.Kind == ColumnKind.Date ? "dates"
        : column.Distinct >= DataProfiler.DistinctCap ? $"{DataProfiler.DistinctCap:N0}+ distinct values, too many to draw"
        : column.Distinct > DataProfiler.LabelCap ? $"{column.Distinct:N0} distinct values, too many to draw"
        : "no picture";

    /// <summary>A number short enough for a label: 4 significant digits.</summary>
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
