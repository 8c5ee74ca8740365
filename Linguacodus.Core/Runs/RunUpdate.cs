using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Memory;

namespace Linguacodus.Core.Runs;

/// <summary>A small immutable change to a run. Applying every update in order rebuilds the run's snapshot.</summary>
public abstract record RunUpdate
{
    public abstract RunSnapshot ApplyTo(RunSnapshot run);

    /// <summary>Whether the update ends a step, so the run is worth saving after it.</summary>
    public virtual bool IsCheckpoint => true;

    public sealed record StatusChanged(RunStatus Status, string? Message = null) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) => run with { Status = Status, Message = Message, InterruptedStep = null };
    }

    /// <summary>The process working on the run died or shut down while the run was in <paramref name="Step"/>.</summary>
    public sealed record Interrupted(RunStatus Step) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) =>
            run with { Status = RunStatus.Interrupted, InterruptedStep = Step, Message = RunSession.InterruptedMessage(Step) };
    }

    public sealed record ProfileReady(DataProfile Profile) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) => run with { Profile = Profile };
    }

    /// <summary>The remembered cases found alike for this task (empty when none is, or retrieval is off).</summary>
    public sealed record SimilarFound(System.Collections.Immutable.ImmutableList<SimilarCase> Cases) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) => run with { Similar = Cases };
    }

    public sealed record CandidateText(int Index, string Delta) : RunUpdate
    {
        public override bool IsCheckpoint => false;

        public override RunSnapshot ApplyTo(RunSnapshot run)
        {
            var candidates = run.Candidates;
            while (candidates.Count < Index)
            {
                candidates = candidates.Add("");
            }
            return run with { Candidates = candidates.SetItem(Index - 1, candidates[Index - 1] + Delta) };
        }
    }

    /// <summary>A candidate's answer was unusable and is being written again: its card starts afresh.</summary>
    public sealed record CandidateRestarted(int Index) : RunUpdate
    {
        public override bool IsCheckpoint => false;

        public override RunSnapshot ApplyTo(RunSnapshot run) =>
            Index <= run.Candidates.Count ? run with { Candidates = run.Candidates.SetItem(Index - 1, "") } : run;
    }

    public sealed record CritiqueText(string Delta) : RunUpdate
    {
        public override bool IsCheckpoint => false;

        public override RunSnapshot ApplyTo(RunSnapshot run) => run with { Critique = run.Critique + Delta };
    }

    public sealed record VerdictReady(Verdict Verdict) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) => run with { Verdict = Verdict };
    }

    /// <summary>The analyst's (or the agents') choice; a new choice starts the code afresh.</summary>
    public sealed record InstructionChosen(int Index, string Instruction) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) => run with
        {
            ChosenIndex = Index,
            ChosenInstruction = Instruction,
            Stages = run.Stages.Clear(),
            SubmissionProblems = [],
        };
    }

    public sealed record StageText(CodeStage Stage, string Delta) : RunUpdate
    {
        public override bool IsCheckpoint => false;

        public override RunSnapshot ApplyTo(RunSnapshot run) =>
            run with { Stages = run.Stages.SetItem(Stage, run.Stages.GetValueOrDefault(Stage, "") + Delta) };
    }

    public sealed record StageReplaced(CodeStage Stage, string Code) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) => run with { Stages = run.Stages.SetItem(Stage, Code) };
    }

    public sealed record AttemptStarted(int Number, AttemptTrigger Trigger) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) =>
            run with { Attempts = run.Attempts.Add(new AttemptRecord(Number, Trigger, run.Stages, [], 0)), SubmissionProblems = [] };
    }

    public sealed record OutputReceived(OutputLine Line) : RunUpdate
    {
        public override bool IsCheckpoint => false;

        public override RunSnapshot ApplyTo(RunSnapshot run) =>
            run.Attempts.Count == 0 ? run : run with { Attempts = run.Attempts.SetItem(run.Attempts.Count - 1, run.Attempts[^1].Append(Line)) };
    }

    public sealed record AttemptFinished(int ExitCode, string? Error, double? Score, TimeSpan Duration, double? NaiveScore = null) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) => run.Attempts.Count == 0 ? run : run with
        {
            Attempts = run.Attempts.SetItem(run.Attempts.Count - 1, run.Attempts[^1] with
            {
                ExitCode = ExitCode,
                Error = Error,
                Score = Score,
                Duration = Duration,
                NaiveScore = NaiveScore,
            }),
        };
    }

    public sealed record LintReported(IReadOnlyList<LintFinding> Findings) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) => run with { LintFindings = [.. Findings] };
    }

    public sealed record SubmissionChecked(IReadOnlyList<string> Problems) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) => run with { SubmissionProblems = [.. Problems] };
    }

    /// <param name="Tokens">The models' usage in the step; recorded when the step called a model.</param>
    public sealed record StepTimed(string Step, TimeSpan Duration, TokenTally? Tokens = null) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) => run with
        {
            Timings = run.Timings.Add(Tokens is { Calls: > 0 } tokens
                ? new StepTiming(Step, Math.Round(Duration.TotalSeconds, 3), tokens.InputTokens, tokens.OutputTokens)
                : new StepTiming(Step, Math.Round(Duration.TotalSeconds, 3))),
        };
    }

    /// <summary>News of one branch of a comparison; the run keeps the latest of each.</summary>
    public sealed record BranchChanged(BranchResult Branch) : RunUpdate
    {
        public override bool IsCheckpoint => Branch.Status is not BranchStatus.Running;

        public override RunSnapshot ApplyTo(RunSnapshot run) => run with
        {
            Branches = [.. run.Branches.Where(b => b.Candidate != Branch.Candidate).Append(Branch).OrderBy(b => b.Candidate)],
        };
    }

    /// <summary>The analyst (or --choice best) took a branch's code and results as the run's own.</summary>
    public sealed record BranchPromoted(RunSnapshot Branch) : RunUpdate
    {
        public override RunSnapshot ApplyTo(RunSnapshot run) => run with
        {
            Status = Branch.Status,
            Message = Branch.Message,
            InterruptedStep = null,
            ChosenIndex = Branch.ChosenIndex,
            ChosenInstruction = Branch.ChosenInstruction,
            Stages = Branch.Stages,
            Attempts = Branch.Attempts,
            LintFindings = Branch.LintFindings,
            SubmissionProblems = Branch.SubmissionProblems,
            // The promoted code's own writing and running times.
            Timings = run.Timings.AddRange(Branch.Timings),
        };
    }

    /// <summary>A step has ended and its artifacts are written: the run accepts the next action.</summary>
    public sealed record StepSettled : RunUpdate
    {
        public override bool IsCheckpoint => false;

        public override RunSnapshot ApplyTo(RunSnapshot run) => run;
    }

    /// <summary>The program waits for a free sandbox (1-based place in the queue), or 0 when its turn has come.</summary>
    public sealed record Queued(int Position) : RunUpdate
    {
        public override bool IsCheckpoint => false;

        public override RunSnapshot ApplyTo(RunSnapshot run) => run with
        {
            Message = Position > 0
                ? $"Queued: waiting for a free sandbox, number {Position} in the queue"
                : "Running the program in the sandbox",
        };
    }
}
