using System.Diagnostics;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Linguacodus.Core.Runs;

/// <summary>
/// One run while it lives in this process: applies the pipeline's updates to the snapshot, tells subscribers,
/// saves at every finished step (and every few seconds while a step streams), and writes the artifacts. It is the
/// one owner of whether the run is busy: a step is taken (or refused) synchronously, before any work is scheduled.
/// </summary>
/// <remarks>
/// While a step works, the session holds the run folder's lock (<see cref="RunLayout.TryLock"/>): a run stored as
/// active whose lock is free was interrupted (<see cref="RecoverAsync"/>), while a run whose lock is held is still
/// working in another process (the command line and the web app can share a data folder).
/// </remarks>
public sealed class RunSession : IDisposable
{
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(2);

    private readonly RunPipeline _pipeline;
    private readonly RunStore _store;
    private readonly ExecutionSlots? _queue;
    private readonly SemaphoreSlim _busy = new(1, 1);
    private readonly object _gate = new();
    private readonly Stopwatch _lastSave = new();
    private readonly TaskFolder? _task;
    private CancellationTokenSource? _operation;
    private Action<RunUpdate>? _updated;
    private int _subscribers;
    private bool _interrupting;
    private TaskCompletionSource _settled = Settled();

    /// <param name="task">The run's own task folder; null when its files are gone (<paramref name="problem"/> says why).</param>
    /// <param name="queue">The execution queue, to show this run's place while its program waits for a sandbox.</param>
    public RunSession(RunSnapshot run, RunLayout layout, TaskFolder? task, RunPipeline pipeline, RunStore store, ExecutionSlots? queue = null, string? problem = null)
    {
        Run = run;
        Layout = layout;
        _task = task;
        _pipeline = pipeline;
        _store = store;
        _queue = queue;
        Problem = task is null ? problem ?? $"The run's task folder {layout.Task} cannot be read." : null;
    }

    public RunSnapshot Run { get; private set; }

    public RunLayout Layout { get; }

    public TaskFolder Task => _task ?? throw new InvalidOperationException(Problem);

    /// <summary>Why the run can be looked at and deleted but not worked on (its files are gone), or null.</summary>
    public string? Problem { get; }

    /// <summary>Raised after each update is applied, on the thread running the step.</summary>
    public event Action<RunUpdate>? Updated
    {
        add
        {
            lock (_gate)
            {
                _updated += value;
                _subscribers++;
            }
        }
        remove
        {
            lock (_gate)
            {
                _updated -= value;
                _subscribers--;
            }
        }
    }

    public bool IsBusy => _busy.CurrentCount == 0;

    /// <summary>Completes when no step works on the run (at once if none does): its report is written and it takes the next action.</summary>
    public Task WhenSettledAsync(CancellationToken cancellationToken = default) => Volatile.Read(ref _settled).Task.WaitAsync(cancellationToken);

    /// <summary>Whether a page (or another subscriber) watches the run, so it must stay in memory.</summary>
    public bool IsWatched => Volatile.Read(ref _subscribers) > 0;

    /// <summary>What an interrupted run says, by the step it was in.</summary>
    public static string InterruptedMessage(RunStatus step) => step switch
    {
        RunStatus.Planning => "Interrupted by a server restart while planning; resume plans again.",
        RunStatus.Coding => "Interrupted by a server restart while writing the code; resume writes it again from the chosen plan.",
        _ => "Interrupted by a server restart while running the program; resume runs the code again.",
    };

    /// <summary>
    /// A stored run as it is now: one stored as active whose folder no live process holds was interrupted (a crash
    /// or kill -9): it is marked interrupted and saved, and what its program may have left in the sandbox folder
    /// (symlinks, FIFOs) is removed before anything reads that folder again. A run still worked on by another
    /// process is returned as stored.
    /// </summary>
    public static async Task<RunSnapshot> RecoverAsync(RunSnapshot stored, RunLayout layout, RunStore store, CancellationToken cancellationToken)
    {
        if (!stored.IsActive || layout.IsLockedElsewhere())
        {
            return stored;
        }
        if (Directory.Exists(layout.Work))
        {
            await WorkFolder.RemoveSpecialFilesAsync(layout.Work, cancellationToken);
        }
        var run = Interruption(stored, "interrupted by a server restart").Aggregate(stored, (current, update) => update.ApplyTo(current));
        await store.SaveAsync(run, layout.Root, cancellationToken);
        return run;
    }

    public Task PlanAsync(IReadOnlyList<string>? targets, CancellationToken cancellationToken) =>
        OperateAsync(token => _pipeline.PlanAsync(Task, targets, token), cancellationToken);

    /// <summary>Takes candidate 1-3, or 0 for the agents' improved instruction, optionally as edited by the analyst.</summary>
    public Task ChooseAsync(int index, string? editedInstruction, CancellationToken cancellationToken)
    {
        var instruction = editedInstruction ?? (index == 0 ? Run.Verdict?.ImprovedInstruction : Run.Candidates.ElementAtOrDefault(index - 1))
            ?? throw new InvalidOperationException($"There is no candidate {index} to choose.");
        var profile = Run.Profile ?? throw new InvalidOperationException("The data has not been profiled yet.");
        return OperateAsync(token => Prepend([new RunUpdate.InstructionChosen(index, instruction)],
            _pipeline.BuildAsync(Task, profile, instruction, Layout, token)), cancellationToken);
    }

    /// <summary>Turns every candidate into code and runs it, each in its own branch, to compare them by validation score.</summary>
    public Task CompareAsync(CancellationToken cancellationToken) =>
        OperateAsync(token => _pipeline.CompareAsync(Task, Run, Layout, token), cancellationToken);

    /// <summary>Takes a compared candidate's code and results as the run's own.</summary>
    public Task PromoteAsync(int candidate, CancellationToken cancellationToken) => PromoteProblem(candidate) is { } problem
        ? throw new InvalidOperationException(problem)
        : OperateAsync(token => RunPipeline.PromoteAsync(Layout, candidate, token), cancellationToken);

    /// <summary>Why a candidate's branch cannot be promoted, or null when it can.</summary>
    public string? PromoteProblem(int candidate) =>
        Run.Branches.Any(b => b.Candidate == candidate && b.Status != BranchStatus.Running) && File.Exists(Layout.Branch(candidate).Document)
            ? null
            : $"Candidate {candidate} has not been compared yet.";

    /// <summary>Runs the analyst's edited stages (with the fix loop).</summary>
    public Task RunEditedAsync(IReadOnlyDictionary<CodeStage, string> stages, CancellationToken cancellationToken)
    {
        var profile = Run.Profile ?? throw new InvalidOperationException("The data has not been profiled yet.");
        var instruction = Run.ChosenInstruction ?? throw new InvalidOperationException("Choose an instruction first.");
        var edits = stages.Where(s => Run.Stages.GetValueOrDefault(s.Key) != s.Value)
            .Select(s => (RunUpdate)new RunUpdate.StageReplaced(s.Key, s.Value)).ToList();
        return OperateAsync(token => Prepend(edits, _pipeline.ExecuteAsync(Task, profile, instruction, stages, Layout, AttemptTrigger.Edit, token)), cancellationToken);
    }

    /// <summary>
    /// Continues an interrupted run from its last finished step: planning again if planning was cut short; writing
    /// the code again from the chosen plan (no re-planning) if coding was; running the written code again (no
    /// re-planning, no re-coding) if its program was running.
    /// </summary>
    public Task ResumeAsync(CancellationToken cancellationToken)
    {
        var step = Run.IsInterrupted ? Run.InterruptedStep : null;
        switch (step ?? throw new InvalidOperationException("Only an interrupted run can be resumed."))
        {
            case RunStatus.Planning:
                var targets = Run.Profile is { TargetSource: Data.TargetSource.User } profiled ? profiled.Targets : null;
                return PlanAsync(targets, cancellationToken);
            case RunStatus.Coding:
                return ChooseAsync(Run.ChosenIndex ?? 0, Run.ChosenInstruction, cancellationToken);
            default:
                var profile = Run.Profile ?? throw new InvalidOperationException("The data has not been profiled yet.");
                var instruction = Run.ChosenInstruction ?? throw new InvalidOperationException("Choose an instruction first.");
                var stages = Run.Stages;
                return OperateAsync(token => _pipeline.ExecuteAsync(Task, profile, instruction, stages, Layout, AttemptTrigger.Resume, token), cancellationToken);
        }
    }

    /// <summary>Stops the step in progress; the run keeps what it has.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _operation?.Cancel();
        }
    }

    /// <summary>Ends the step in progress because this process shuts down: the run is left interrupted and resumable, not stopped.</summary>
    public void Interrupt()
    {
        lock (_gate)
        {
            _interrupting = true;
            _operation?.Cancel();
        }
    }

    /// <summary>What marks an active run as interrupted: its open attempt closed, the choice reopened if planning had finished, branches settled.</summary>
    private static IEnumerable<RunUpdate> Interruption(RunSnapshot run, string reason)
    {
        if (run.Attempts is [.., { ExitCode: null }])
        {
            yield return new RunUpdate.AttemptFinished(-1, reason, null, TimeSpan.Zero);
        }
        // Planning had finished (a comparison of the candidates may have been cut short): the choice is still open.
        yield return run.Verdict is not null && run.ChosenInstruction is null
            ? new RunUpdate.StatusChanged(RunStatus.AwaitingChoice, "Choose a candidate or accept the agents' choice")
            : new RunUpdate.Interrupted(run.Status);
        foreach (var branch in SettleBranches(run, reason))
        {
            yield return branch;
        }
    }

    /// <summary>Marks the branches of a comparison that ended early as stopped, saying why.</summary>
    private static List<RunUpdate.BranchChanged> SettleBranches(RunSnapshot run, string reason) =>
        [.. run.Branches.Where(b => b.Status == BranchStatus.Running).Select(b => new RunUpdate.BranchChanged(b with { Status = BranchStatus.Stopped, Message = reason }))];

    /// <summary>
    /// Takes the run for a step, or refuses at once (busy here, held by another process, files gone); the step itself
    /// then works on the thread pool, never on the caller's thread.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The step owns the lock and releases it when it ends.")]
    private Task OperateAsync(Func<CancellationToken, IAsyncEnumerable<RunUpdate>> step, CancellationToken cancellationToken)
    {
        if (Problem is not null)
        {
            throw new InvalidOperationException(Problem);
        }
        if (!_busy.Wait(0, CancellationToken.None))
        {
            throw new InvalidOperationException("This run is busy; stop it or wait for the current step to finish.");
        }
        var held = Layout.TryLock();
        if (held is null)
        {
            _busy.Release();
            throw new InvalidOperationException("Another Linguacodus process is working on this run; wait for it to finish.");
        }
        Volatile.Write(ref _settled, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return System.Threading.Tasks.Task.Run(() => OperateHeldAsync(step, held, cancellationToken), CancellationToken.None);
    }

    private async Task OperateHeldAsync(Func<CancellationToken, IAsyncEnumerable<RunUpdate>> step, FileStream held, CancellationToken cancellationToken)
    {
        // The run's time budget: what is left of it after the steps it has already taken.
        using var deadline = new CancellationTokenSource();
        using var operation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var limit = _pipeline.Options.MaxRunSeconds;
        if (limit > 0)
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(Math.Max(0, limit - Run.Timings.Sum(t => t.Seconds))));
        }
        var overBudget = new RunUpdate.StatusChanged(RunStatus.Failed,
            $"Stopped at a budget limit: the run used its {(limit < 120 ? $"{limit} seconds" : $"{limit / 60.0:0.#} minutes")} of working time "
            + "(Execution:MaxRunSeconds).");
        lock (_gate)
        {
            _operation = operation;
        }

        List<RunUpdate> Ending() => _interrupting ? [.. Interruption(Run, "interrupted: the server stopped")]
            : deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested ? [overBudget]
            : [new RunUpdate.StatusChanged(RunStatus.Stopped, "Stopped")];
        if (_queue is not null)
        {
            _queue.PositionChanged += OnQueue;
        }
        _lastSave.Restart();
        try
        {
            await foreach (var update in step(operation.Token).WithCancellation(operation.Token))
            {
                // A program cut off ends as stopped; the run says what cut it off (the budget, a shutdown, the analyst).
                foreach (var applied in update is RunUpdate.StatusChanged { Status: RunStatus.Stopped } && operation.IsCancellationRequested ? Ending() : [update])
                {
                    await ApplyAsync(applied);
                }
            }
        }
        catch (OperationCanceledException) when (operation.IsCancellationRequested)
        {
            // Settled below: an interruption, the budget, or the analyst's stop.
        }
        catch (Exception error) when (error is TaskFolderException or InvalidOperationException or FormatException || IsStorageFailure(error))
        {
            // Saved with the step's report below, unless saving is what failed.
            Apply(new RunUpdate.StatusChanged(RunStatus.Failed, error is DbUpdateException or SqliteException ? NotSaved(error) : error.Message));
        }
        finally
        {
            if (_queue is not null)
            {
                _queue.PositionChanged -= OnQueue;
            }
            lock (_gate)
            {
                _operation = null;
            }
            try
            {
                await SettleAsync(operation.IsCancellationRequested ? Ending() : [new RunUpdate.StatusChanged(RunStatus.Failed, "The step ended unexpectedly.")]);
            }
            catch (Exception error) when (IsStorageFailure(error))
            {
                // What is stored stays as it was: after a restart the run resumes from its last saved step.
                Apply(new RunUpdate.StatusChanged(RunStatus.Failed, NotSaved(error)));
            }
            finally
            {
                // The folder is free for another process before the run accepts its next action.
                await held.DisposeAsync();
                _busy.Release();
                // Only now is the step's report on disk (or known unsaved) and the run ready for the next action.
                _updated?.Invoke(new RunUpdate.StepSettled());
                Volatile.Read(ref _settled).TrySetResult();
            }
        }
    }

    /// <summary>Ends a step: an active run takes its ending, open branches stop, and the report is written.</summary>
    private async Task SettleAsync(List<RunUpdate> ending)
    {
        foreach (var update in Run.IsActive ? ending : [])
        {
            await ApplyAsync(update);
        }
        foreach (var update in SettleBranches(Run, "stopped before it finished"))
        {
            await ApplyAsync(update);
        }
        await WriteReportAsync();
        await RememberAsync();
    }

    /// <summary>A run that ended with a valid, scored submission becomes (or updates) a case of the memory.</summary>
    private async Task RememberAsync()
    {
        if (_pipeline.Memory is not { } memory)
        {
            return;
        }
        try
        {
            await memory.RememberAsync(Run, CancellationToken.None);
        }
        catch (Exception error) when (IsStorageFailure(error) || error is System.Text.Json.JsonException)
        {
            // The run itself is saved; only the memory misses this case, which a rerun adds again.
        }
    }

    private static bool IsStorageFailure(Exception error) =>
        error is IOException or UnauthorizedAccessException or DbUpdateException or SqliteException;

    private static string NotSaved(Exception error) =>
        $"The run's result could not be saved: {(error is DbUpdateException { InnerException: { } inner } ? inner.Message : error.Message)}";

    /// <summary>The queue's news about this run's program (its sandbox folder is the run's work folder).</summary>
    private void OnQueue(string workDirectory, int position)
    {
        if (Path.TrimEndingDirectorySeparator(Path.GetFullPath(workDirectory)) == Layout.Work)
        {
            Apply(new RunUpdate.Queued(position));
        }
    }

    /// <summary>Applies an update; the pipeline's and the queue's arrive on different threads.</summary>
    private void Apply(RunUpdate update)
    {
        lock (_gate)
        {
            Run = update.ApplyTo(Run);
        }
        _updated?.Invoke(update);
    }

    private async Task ApplyAsync(RunUpdate update)
    {
        Apply(update);
        if (update.IsCheckpoint || _lastSave.Elapsed > SaveInterval)
        {
            await _store.SaveAsync(Run, Layout.Root, CancellationToken.None);
            _lastSave.Restart();
        }
    }

    /// <summary>run.json always; the notebook once code exists.</summary>
    private async Task WriteReportAsync()
    {
        await File.WriteAllTextAsync(Layout.Document, RunJson.Serialize(Run));
        if (Run.Stages.Count > 0)
        {
            await File.WriteAllTextAsync(Layout.Notebook, NotebookWriter.Write(Run, Run.Attempts.LastOrDefault(), Layout.Work));
        }
        await _store.SaveAsync(Run, Layout.Root, CancellationToken.None);
    }

    private static TaskCompletionSource Settled()
    {
        var settled = new TaskCompletionSource();
        settled.SetResult();
        return settled;
    }

    private static async IAsyncEnumerable<RunUpdate> Prepend(IEnumerable<RunUpdate> first, IAsyncEnumerable<RunUpdate> rest)
    {
        foreach (var update in first)
        {
            yield return update;
        }
        await foreach (var update in rest)
        {
            yield return update;
        }
    }

    public void Dispose()
    {
        Stop();
        _busy.Dispose();
    }
}
