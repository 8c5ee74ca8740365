namespace Linguacodus.Core.Persistence;

/// <summary>A run as the history list shows it.</summary>
public sealed record RunSummary(Guid Id, DateTimeOffset CreatedAt, string Title, string Engine, string Status, double? ValidationScore);
