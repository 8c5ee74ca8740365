namespace Linguacodus.Core.Persistence;

/// <summary>
/// A remembered case (<see cref="Memory.SolvedCase"/>): summary columns for lists, the case itself as one JSON document,
/// as runs are stored. A case the analyst removed stays as a marker, so re-running its run does not bring it back.
/// </summary>
public sealed class CaseRecord
{
    public Guid Id { get; set; }

    public Guid RunId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string Title { get; set; }

    public required string Metric { get; set; }

    public double Score { get; set; }

    public bool Removed { get; set; }

    public required string Document { get; set; }
}

/// <summary>A setting an analyst changes in the app (on the Settings page), kept across restarts.</summary>
public sealed class PreferenceRecord
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
