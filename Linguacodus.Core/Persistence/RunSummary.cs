namespace Linguacodus.Core.Persistence;

/// <summary>A run as the history list shows it.</summary>
/// <param name="NaiveScore">The naive score on the same validation rows as <paramref name="ValidationScore"/>.</param>
/// <param name="Metric">The metric's canonical name (see <see cref="Tasks.Metric.Name"/>).</param>
public sealed record RunSummary(
    Guid Id, DateTimeOffset CreatedAt, string Title, string Engine, string Status, double? ValidationScore,
    double? NaiveScore = null, string? Metric = null);
