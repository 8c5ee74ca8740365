namespace Linguacodus.Core.Runs;

/// <summary>One candidate solved on its own: its status, validation score and fix attempts.</summary>
/// <param name="Candidate">1-3.</param>
public sealed record BranchResult(int Candidate, string Status, double? ValidationScore, int Attempts, double Seconds);
