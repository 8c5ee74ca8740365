using System.Collections.Immutable;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Runs;

/// <summary>Everything a run has produced so far; pages render it, the database stores it, run.json is written from it.</summary>
/// <param name="ChosenIndex">1-3 for a candidate, 0 for the agents' improved instruction.</param>
public sealed record RunSnapshot(
    Guid Id,
    DateTimeOffset CreatedAt,
    MlTask Task,
    string Engine,
    RunStatus Status,
    string? Message,
    DataProfile? Profile,
    ImmutableList<string> Candidates,
    string Critique,
    Verdict? Verdict,
    int? ChosenIndex,
    string? ChosenInstruction,
    ImmutableDictionary<CodeStage, string> Stages,
    ImmutableList<AttemptRecord> Attempts,
    ImmutableList<StepTiming> Timings,
    ImmutableList<string> SubmissionProblems)
{
    /// <summary>What the validity lint found in the program of the latest attempt.</summary>
    public ImmutableList<LintFinding> LintFindings { get; init; } = [];

    /// <summary>Every candidate turned into code and run, when the run compared them by score (--choice best).</summary>
    public ImmutableList<BranchResult> Branches { get; init; } = [];

    /// <summary>The remembered cases planning found alike (shown on the run page, given to the planners), best first.</summary>
    public ImmutableList<SimilarCase> Similar { get; init; } = [];

    /// <summary>For an <see cref="RunStatus.Interrupted"/> run: the step it was in (planning, coding or executing), which resuming takes again.</summary>
    public RunStatus? InterruptedStep { get; init; }

    public static RunSnapshot Start(Guid id, MlTask task, string engine) => new(
        id, DateTimeOffset.UtcNow, task, engine, RunStatus.Planning, null, null, [], "", null, null, null,
        ImmutableDictionary<CodeStage, string>.Empty, [], [], []);

    public bool IsActive => IsActiveStatus(Status);

    public bool IsInterrupted => Status == RunStatus.Interrupted;

    public static bool IsActiveStatus(RunStatus status) => status is RunStatus.Planning or RunStatus.Coding or RunStatus.Executing;

    public double? ValidationScore => Attempts.LastOrDefault(a => a.ExitCode == 0)?.Score;

    /// <summary>The naive score printed beside <see cref="ValidationScore"/>, by the same attempt.</summary>
    public double? NaiveScore => Attempts.LastOrDefault(a => a.ExitCode == 0)?.NaiveScore;

    /// <summary>The status words the UI, the database's status column and the tests rely on.</summary>
    public string StatusText => TextOf(Status);

    /// <summary>Active steps all read "running"; the others their own name.</summary>
    public static string TextOf(RunStatus status) => status switch
    {
        RunStatus.AwaitingChoice => "awaiting choice",
        _ when IsActiveStatus(status) => "running",
        _ => status.ToString().ToLowerInvariant(),
    };
}
