using System.Collections.Immutable;
using Linguacodus.Core.Engine;

namespace Linguacodus.Core.Runs;

/// <summary>One candidate turned into code and run on its own, in the run's branches/candidate-N folder.</summary>
/// <param name="Candidate">1-3.</param>
/// <param name="Attempts">Runs of its program, the first and each fix.</param>
public sealed record BranchResult(int Candidate, BranchStatus Status, double? ValidationScore, int Attempts, double Seconds)
{
    public string? Message { get; init; }

    /// <summary>The branch's code, so it can be compared and promoted.</summary>
    public ImmutableDictionary<CodeStage, string> Stages { get; init; } = ImmutableDictionary<CodeStage, string>.Empty;

    /// <summary>Whether the branch ended with a valid submission and a score, so it can be promoted as a solution.</summary>
    public bool Succeeded => Status == BranchStatus.Succeeded && ValidationScore is not null;

    /// <summary>A branch's status from its run's: a branch never waits for a choice, so anything still going is running.</summary>
    public static BranchStatus StatusOf(RunStatus status) => status switch
    {
        RunStatus.Succeeded => BranchStatus.Succeeded,
        RunStatus.Failed => BranchStatus.Failed,
        RunStatus.Stopped or RunStatus.Interrupted => BranchStatus.Stopped,
        _ => BranchStatus.Running,
    };
}
