namespace Linguacodus.Core.Data;

/// <summary>One column of the training file.</summary>
/// <param name="Distinct">Distinct non-empty values, counted up to <see cref="DataProfiler.DistinctCap"/>.</param>
/// <param name="Examples">A few distinct values, for prompts and the UI.</param>
/// <param name="Length">How long the values are; only for text columns.</param>
public sealed record ColumnProfile(string Name, ColumnKind Kind, long Missing, int Distinct, IReadOnlyList<string> Examples, TextLength? Length = null)
{
    /// <summary>How a numeric column's values spread; null for labels, few distinct numbers, and profiles stored before.</summary>
    public Histogram? Histogram { get; init; }

    /// <summary>The most common values of a label column or of a numeric one with few distinct values; null otherwise.</summary>
    public ValueCounts? Counts { get; init; }
}
