using System.Diagnostics;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Runs;

/// <summary>
/// One run while it lives in this process: applies the pipeline's updates to the snapshot, tells subscribers,
/// saves at every finished step (and every few seconds while a step streams), and writes the artifacts.
/// </summary>
/// <remarks>
/// While a step works, the session holds an exclusive lock on <see cref="LockFileName"/> in the run's folder. The
/// kernel drops that lock when the process dies, however it dies: a run stored as active whose lock is free was
/// interrupted (<see cref="RecoverAsync"/>), while a run whose lock is held is still working in another process
/// (the command line and the web app can share a data folder).
/// </remarks>
public sealed class RunSession : IDisposable
{
    public const string LockFileName = "run.lock";

    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(2);

    /// <summary>What an interrupted run says, by the step it was in; resuming starts that step again.</summary>
    private static readonly Dictionary<RunStatus, string> InterruptedMessages = new()
    {
        [RunStatus.Planning] = "Interrupted by a server restart while planning; resume plans again.",
        [RunStatus.Coding] = "Interrupted by a server restart while writing the code; resume writes it again from the chosen plan.",
        [RunStatus.Executing] = "Interrupted by a server restart while running the program; resume runs the code again.",
    };

    private readonly RunPipeline _pipeline;
    private readonly RunStore _store;
    private readonly ExecutionSlots? _queue;
    private readonly SemaphoreSlim _busy = new(1, 1);
    private readonly object _gate = new();
    private readonly Stopwatch _lastSave = new();
    private CancellationTokenSource? _operation;

    /// <param name="queue">The execution queue, to show this run's place while its program waits for a sandbox.</param>
    public RunSession(RunSnapshot run, string folder, TaskFolder task, RunPipeline pipeline, RunStore store, ExecutionSlots? queue = null)
    {
        Run = run;
        Folder = folder;
        Task = task;
        _pipeline = pipeline;
        _store = store;
        _queue = queue;
    }

    public RunSnapshot Run { get; private set; }

    /// <summary>The run's folder: task/ (its data), work/ (the sandbox), and the artifacts.</summary>
    public string Folder { get; }

    public TaskFolder Task { get; }

    /// <summary>Raised after each update is applied, on the thread running the step.</summary>
    public event Action<RunUpdate>? Updated;

    public bool IsBusy => _busy.CurrentCount == 0;

    /// <summary>Whether the run stopped because the process running it died; <see cref="ResumeAsync"/> continues it.</summary>
    public static bool IsInterrupted(RunSnapshot run) => InterruptedStep(run) is not null;

    /// <summary>Copies a task folder into a new run folder, so the run keeps its own data whatever happens to the source.</summary>
    public static TaskFolder ImportTask(string sourceDirectory, string runFolder)
    {
        var source = TaskFolder.Load(sourceDirectory);
        var target = Directory.CreateDirectory(Path.Combine(runFolder, "task")).FullName;
        foreach (var file in Directory.EnumerateFiles(source.Directory).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(f) == "task.json"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        return TaskFolder.Load(target);
    }

    /// <summary>
    /// A stored run as it is now: one stored as active whose folder no live process holds was interrupted (a crash
    /// or kill -9): its unfinished attempt is closed, it is marked interrupted and saved, and what its program may
    /// have left in the sandbox folder (symlinks, FIFOs) is removed before anything reads that folder again.
    /// A run still worked on by another process is returned as stored.
    /// </summary>
    public static async Task<RunSnapshot> RecoverAsync(RunSnapshot stored, string folder, RunStore store, CancellationToken cancellationToken)
    {
        if (!stored.IsActive || IsHeldElsewhere(folder))
        {
            return stored;
        }
        await WorkFolder.RemoveSpecialFilesAsync(Path.Combine(folder, "work"), cancellationToken);
        var run = stored;
        if (run.Attempts is [.., { ExitCode: null }])
        {
            run = new RunUpdate.AttemptFinished(-1, "interrupted by a server restart", null, TimeSpan.Zero).ApplyTo(run);
        }
        run = run.Verdict is not null && run.ChosenInstruction is null
            // Planning had finished (a comparison of the candidates may have been cut short): the choice is still open.
            ? new RunUpdate.StatusChanged(RunStatus.AwaitingChoice, "Choose a candidate or accept the agents' choice").ApplyTo(run)
            : new RunUpdate.StatusChanged(RunStatus.Failed, InterruptedMessages[run.Status]).ApplyTo(run);
        run = SettleBranches(run, "interrupted by a server restart").Aggregate(run, (current, update) => update.ApplyTo(current));
        await store.SaveAsync(run, folder, cancellationToken);
        return run;
    }

    public Task PlanAsync(string? targetOverride, CancellationToken cancellationToken) =>
        OperateAsync(token => _pipeline.PlanAsync(Task, targetOverride, token), cancellationToken);

    /// <summary>Takes candidate 1-3, or 0 for the agents' improved instruction, optionally as edited by the analyst.</summary>
    public Task ChooseAsync(int index, string? editedInstruction, CancellationToken cancellationToken)
    {
        var instruction = editedInstruction ?? (index == 0 ? Run.Verdict?.ImprovedInstruction : Run.Candidates.ElementAtOrDefault(index - 1))
            ?? throw new InvalidOperationException($"There is no candidate {index} to choose.");
        var profile = Run.Profile ?? throw new InvalidOperationException("The data has not been profiled yet.");
        return OperateAsync(token => Prepend(new RunUpdate.InstructionChosen(index, instruction),
            _pipeline.BuildAsync(Task, profile, instruction, Folder, token)), cancellationToken);
    }

    /// <summary>Turns every candidate into code and runs it, each in its own branch, to compare them by validation score.</summary>
    public Task CompareAsync(CancellationToken cancellationToken) =>
        OperateAsync(token => _pipeline.CompareAsync(Task, Run, Folder, token), cancellationToken);

    /// <summary>Takes a compared candidate's code and results as the run's own.</summary>
    public Task PromoteAsync(int candidate, CancellationToken cancellationToken) => PromoteProblem(candidate) is { } problem
        ? throw new InvalidOperationException(problem)
        : OperateAsync(token => RunPipeline.PromoteAsync(Folder, candidate, token), cancellationToken);

    /// <summary>Why a candidate's branch cannot be promoted, or null when it can.</summary>
    public string? PromoteProblem(int candidate) =>
        Run.Branches.Any(b => b.Candidate == candidate && b.Status != "running") && File.Exists(Path.Combine(BranchResult.Folder(Folder, candidate), "run.json"))
            ? null
            : $"Candidate {candidate} has not been compared yet.";

    /// <summary>Runs the analyst's edited stages (with the fix loop).</summary>
    public Task RunEditedAsync(IReadOnlyDictionary<CodeStage, string> stages, CancellationToken cancellationToken)
    {
        var profile = Run.Profile ?? throw new InvalidOperationException("The data has not been profiled yet.");
        var instruction = Run.ChosenInstruction ?? throw new InvalidOperationException("Choose an instruction first.");
        var edits = stages.Where(s => Run.Stages.GetValueOrDefault(s.Key) != s.Value)
            .Select(s => (RunUpdate)new RunUpdate.StageReplaced(s.Key, s.Value)).ToList();
        return OperateAsync(token => Prepend(edits, _pipeline.ExecuteAsync(Task, profile, instruction, stages, Folder, "edit", token)), cancellationToken);
    }

    /// <summary>
    /// Continues an interrupted run from its last finished step: planning again if planning was cut short; writing
    /// the code again from the chosen plan (no re-planning) if coding was; running the written code again (no
    /// re-planning, no re-coding) if its program was running.
    /// </summary>
    public Task ResumeAsync(CancellationToken cancellationToken)
    {
        var step = InterruptedStep(Run) ?? throw new InvalidOperationException("Only an interrupted run can be resumed.");
        switch (step)
        {
            case RunStatus.Planning:
                var target = Run.Profile is { TargetSource: "user" } profiled ? profiled.TargetColumn : null;
                return PlanAsync(target, cancellationToken);
            case RunStatus.Coding:
                return ChooseAsync(Run.ChosenIndex ?? 0, Run.ChosenInstruction, cancellationToken);
            default:
                var profile = Run.Profile ?? throw new InvalidOperationException("The data has not been profiled yet.");
                var instruction = Run.ChosenInstruction ?? throw new InvalidOperationException("Choose an instruction first.");
                var stages = Run.Stages;
                return OperateAsync(token => _pipeline.ExecuteAsync(Task, profile, instruction, stages, Folder, "resume", token), cancellationToken);
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

    /// <summary>Marks the branches of a comparison that ended early as stopped, saying why.</summary>
    private static List<RunUpdate.BranchChanged> SettleBranches(RunSnapshot run, string reason) =>
        [.. run.Branches.Where(b => b.Status == "running").Select(b => new RunUpdate.BranchChanged(b with { Status = "stopped", Message = reason }))];

    private static RunStatus? InterruptedStep(RunSnapshot run) =>
        run.Status == RunStatus.Failed && InterruptedMessages.FirstOrDefault(m => m.Value == run.Message) is { Value: not null } match
            ? match.Key
            : null;

    /// <summary>Whether a live process (this one included) holds the run's folder.</summary>
    private static bool IsHeldElsewhere(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return false;
        }
        using var held = TryHold(folder);
        return held is null;
    }

    /// <summary>The run folder's lock, held until disposed; null when someone else holds it.</summary>
    private static FileStream? TryHold(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            // FileShare.None takes an exclusive advisory lock (flock) on Unix; the kernel releases it when the process dies.
            return new FileStream(Path.Combine(folder, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task OperateAsync(Func<CancellationToken, IAsyncEnumerable<RunUpdate>> step, CancellationToken cancellationToken)
    {
        if (!await _busy.WaitAsync(0, cancellationToken))
        {
            throw new InvalidOperationException("This run is busy; stop it or wait for the current step to finish.");
        }
        using var held = TryHold(Folder);
        if (held is null)
        {
            _busy.Release();
            throw new InvalidOperationException("Another Linguacodus process is working on this run; wait for it to finish.");
        }
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
        if (_queue is not null)
        {
            _queue.PositionChanged += OnQueue;
        }
        _lastSave.Restart();
        try
        {
            await foreach (var update in step(operation.Token).WithCancellation(operation.Token))
            {
                // A program cut off by the budget ends as stopped; the run says which limit stopped it.
                await ApplyAsync(update is RunUpdate.StatusChanged { Status: RunStatus.Stopped } && deadline.IsCancellationRequested ? overBudget : update);
            }
        }
        catch (OperationCanceledException) when (operation.IsCancellationRequested)
        {
            await ApplyAsync(deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? overBudget
                : new RunUpdate.StatusChanged(RunStatus.Stopped, "Stopped"));
        }
        catch (Exception error) when (error is TaskFolderException or IOException or InvalidOperationException or FormatException)
        {
            await ApplyAsync(new RunUpdate.StatusChanged(RunStatus.Failed, error.Message));
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
            if (Run.IsActive)
            {
                await ApplyAsync(new RunUpdate.StatusChanged(RunStatus.Failed, "The step ended unexpectedly."));
            }
            foreach (var update in SettleBranches(Run, "stopped before it finished"))
            {
                await ApplyAsync(update);
            }
            await WriteReportAsync();
            // The folder is free for another process before the run accepts its next action.
            held.Dispose();
            _busy.Release();
            // Only now is the step's report on disk and the run ready for the next action.
            Updated?.Invoke(new RunUpdate.StepSettled());
        }
    }

    /// <summary>The queue's news about this run's program (its sandbox folder is work/ in the run's folder).</summary>
    private void OnQueue(string workDirectory, int position)
    {
        if (Path.GetDirectoryName(workDirectory) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(Folder)))
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
        Updated?.Invoke(update);
    }

    private async Task ApplyAsync(RunUpdate update)
    {
        Apply(update);
        if (update.IsCheckpoint || _lastSave.Elapsed > SaveInterval)
        {
            await _store.SaveAsync(Run, Folder, CancellationToken.None);
            _lastSave.Restart();
        }
    }

    /// <summary>run.json always; the notebook once code exists.</summary>
    private async Task WriteReportAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(Folder, "run.json"), RunJson.Serialize(Run));
        if (Run.Stages.Count > 0)
        {
            await File.WriteAllTextAsync(Path.Combine(Folder, "solution.ipynb"), NotebookWriter.Write(Run, Run.Attempts.LastOrDefault()));
        }
        await _store.SaveAsync(Run, Folder, CancellationToken.None);
    }

    private static async IAsyncEnumerable<RunUpdate> Prepend(RunUpdate first, IAsyncEnumerable<RunUpdate> rest)
    {
        yield return first;
        await foreach (var update in rest)
        {
            yield return update;
        }
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
