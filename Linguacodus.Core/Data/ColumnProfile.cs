namespace Linguacodus.Core.Data;

/// <summary>One column of the training file.</summary>
/// <param name="Distinct">Distinct non-empty values, counted up to <see cref="DataProfiler.DistinctCap"/>.</param>
/// <param name="Examples">A few distinct values, for prompts and the UI.</param>
/// <param name="Length">How long the values are; only for text columns.</param>
public sealed record ColumnProfile(string Name, ColumnKind Kind, long Missing, int Distinct, IReadOnlyList<string> Examples, TextLength? Length = null);
