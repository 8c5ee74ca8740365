namespace Linguacodus.Core.Persistence;

/// <summary>
/// A stored run: summary columns for lists and queries, plus the whole run as one JSON document
/// (a run is read and written as a unit; see docs/decisions/ADR-002).
/// </summary>
public sealed class RunRecord
{
    public Guid Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string Title { get; set; }

    public required string Engine { get; set; }

    public required string Status { get; set; }

    public double? ValidationScore { get; set; }

    /// <summary>The naive score on the same validation rows; null for runs stored before it was recorded.</summary>
    public double? NaiveScore { get; set; }

    /// <summary>The metric's canonical name, which says whether a higher score is better; null for runs stored before it was recorded.</summary>
    public string? Metric { get; set; }

    /// <summary>Absolute path of the run's folder (task copy, sandbox work folder, artifacts).</summary>
    public required string Folder { get; set; }

    public required string Document { get; set; }
}
