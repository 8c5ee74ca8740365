namespace Linguacodus.Core.Data;

/// <summary>A column's most common values with how often each occurs: what a bar chart of a label column draws.</summary>
/// <param name="Top">The most common values, most common first.</param>
/// <param name="Other">Present values not among <paramref name="Top"/>.</param>
public sealed record ValueCounts(IReadOnlyList<ValueCount> Top, long Other);

/// <summary>One value of a column and its number of rows.</summary>
public sealed record ValueCount(string Value, long Count);
