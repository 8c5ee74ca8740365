using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linguacodus.Core.Runs;

/// <summary>
/// The one place runs are started, resumed, stopped, deleted and listed, for the web app and every command-line verb.
/// Steps of the web app's runs work in the background, tracked here: at shutdown the service stops taking work,
/// interrupts what is working, waits for it to save, and what was cut short is resumable after a restart. Sessions
/// nobody watches are dropped from memory after <see cref="IdleAfter"/>; the database and the run's folder keep them.
/// </summary>
[SuppressMessage("Reliability", "CA2000", Justification = "The service owns its sessions: each is disposed on eviction, delete or shutdown.")]
public sealed class RunService(
    RunPipeline pipeline, RunStore store, RunFolders folders, ExecutionSlots queue, TimeProvider clock, ILogger<RunService> logger)
    : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<Guid, Entry> _sessions = new();
    private readonly ConcurrentDictionary<Task, bool> _background = new();
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>How long a session that no page watches and no step uses stays in memory.</summary>
    public TimeSpan IdleAfter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Sessions held in memory now (for the tests of eviction and the Settings page).</summary>
    public int LiveSessions => _sessions.Count;

    /// <summary>
    /// Creates a run in the data directory from a task folder (copied into the run's own folder) and starts planning it.
    /// With <paramref name="moveFiles"/> the files are moved, not copied: only for the app's own staging folder of an
    /// upload (<see cref="RunFolders.NewUpload"/>), never an analyst's folder.
    /// </summary>
    public async Task<Guid> StartAsync(string taskDirectory, IReadOnlyList<string>? targets = null, bool moveFiles = false)
    {
        var id = Guid.NewGuid();
        var layout = folders.For(id);
        var task = layout.ImportTask(taskDirectory, moveFiles);
        Background(await CreateAsync(RunSnapshot.Start(id, task.Task, pipeline.Engine.Name), layout, task), s => s.PlanAsync(targets, _stopping.Token));
        return id;
    }

    /// <summary>
    /// Solves a task in <paramref name="outDirectory"/> without a browser, in the caller's time: plan, then take the
    /// agents' choice, one candidate, or every candidate (a branch each) keeping the best by validation score. The run
    /// is stored like any other, so the web app lists it and serves its files.
    /// </summary>
    public async Task<RunSnapshot> SolveAsync(string taskDirectory, string outDirectory, SolveChoice choice, Action<RunUpdate> report, CancellationToken cancellationToken)
    {
        var layout = new RunLayout(outDirectory);
        Directory.CreateDirectory(layout.Root);
        var task = layout.ImportTask(taskDirectory);
        var session = await CreateAsync(RunSnapshot.Start(Guid.NewGuid(), task.Task, pipeline.Engine.Name), layout, task);
        session.Updated += report;
        try
        {
            await session.PlanAsync(null, cancellationToken);
            if (session.Run.Status != RunStatus.AwaitingChoice)
            {
                return session.Run;
            }
            if (!choice.IsBest)
            {
                await session.ChooseAsync(choice.Index, null, cancellationToken);
                return session.Run;
            }
            await session.CompareAsync(cancellationToken);
            if (session.Run.Status == RunStatus.AwaitingChoice)
            {
                // The first candidate when none succeeded: the run then shows why it failed.
                var best = RunPipeline.Best(session.Run.Branches, session.Run.Task.Metric);
                await session.PromoteAsync(best?.Candidate ?? 1, cancellationToken);
            }
            return session.Run;
        }
        finally
        {
            session.Updated -= report;
        }
    }

    /// <summary>
    /// Marks every run the database holds as active, but no live process works on, as interrupted; called at start-up.
    /// One run that cannot be read or recovered is logged and left as it is: it never keeps the server from starting.
    /// </summary>
    public async Task<int> RecoverInterruptedAsync(CancellationToken cancellationToken)
    {
        var recovered = 0;
        foreach (var id in await store.ListActiveAsync(cancellationToken))
        {
            try
            {
                var session = await SessionAsync(id);
                if (session is { Run.IsInterrupted: true })
                {
                    recovered++;
                }
                else if (session is { Problem: not null } && !session.Layout.IsLockedElsewhere())
                {
                    // Nothing can work on it any more: the history must not list it as running.
                    await store.SetStatusAsync(id, session.Run.StatusText, cancellationToken);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException or System.Data.Common.DbException)
            {
                logger.LogError(error, "Run {RunId} could not be recovered; it is listed as stored", id);
            }
        }
        if (recovered > 0)
        {
            logger.LogWarning("{Count} run(s) were interrupted by a restart; they can be resumed from their run pages", recovered);
        }
        return recovered;
    }

    public async Task<RunSnapshot?> GetAsync(Guid id) => (await SessionAsync(id))?.Run;

    /// <summary>
    /// The live session of a run; after a restart (or eviction) it is rebuilt from the database and the run's folder.
    /// A run whose document cannot be read or whose files are gone still opens, with <see cref="RunSession.Problem"/>
    /// saying why, so it can be seen and deleted.
    /// </summary>
    public async Task<RunSession?> SessionAsync(Guid id)
    {
        EvictIdle();
        if (_sessions.TryGetValue(id, out var live))
        {
            return live.Touch(clock).Session;
        }
        // One opener at a time, so a run is recovered (and its folder cleaned) once.
        await _opening.WaitAsync();
        try
        {
            if (_sessions.TryGetValue(id, out live))
            {
                return live.Touch(clock).Session;
            }
            return await OpenAsync(id) is { } session ? _sessions.GetOrAdd(id, new Entry(session, clock.GetUtcNow())).Session : null;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>The folder of a stored run, wherever it lives (the web app's data directory or a solve --out folder).</summary>
    public async Task<RunLayout?> LayoutAsync(Guid id) => (await SessionAsync(id))?.Layout;

    public Task ChooseAsync(Guid id, int index, string? editedInstruction = null) =>
        StepAsync(id, s => s.ChooseAsync(index, editedInstruction, _stopping.Token));

    public Task RunEditedAsync(Guid id, IReadOnlyDictionary<CodeStage, string> stages) =>
        StepAsync(id, s => s.RunEditedAsync(stages, _stopping.Token));

    /// <summary>Writes and runs every candidate's code, each in its own branch, to compare them by score.</summary>
    public Task CompareAsync(Guid id) => StepAsync(id, s => s.CompareAsync(_stopping.Token));

    /// <summary>Takes a compared candidate's branch as the run's solution.</summary>
    public Task PromoteAsync(Guid id, int candidate) => StepAsync(id, s => s.PromoteAsync(candidate, _stopping.Token));

    /// <summary>Continues an interrupted run from its last finished step.</summary>
    public Task ResumeAsync(Guid id) => StepAsync(id, s => s.ResumeAsync(_stopping.Token));

    /// <summary>
    /// Starts a new run from an earlier run's plan: a copy of its task folder and its profile, candidates, critique
    /// and verdict (no planning again), then writes the code from candidate 1-3, or 0 for the agents' choice.
    /// </summary>
    public async Task<Guid> DuplicateAsync(Guid sourceId, int index)
    {
        var source = await SessionAsync(sourceId) ?? throw new KeyNotFoundException($"No run {sourceId}.");
        var planned = source.Run;
        if (source.Problem is not null || planned.Profile is null || planned.Candidates.Count == 0 || planned.Verdict is null)
        {
            throw new InvalidOperationException(source.Problem ?? "This run has no finished plan to start from; start the task again instead.");
        }
        if (index is < 0 or > RunPipeline.CandidateCount || (index > 0 && index > planned.Candidates.Count))
        {
            throw new InvalidOperationException($"There is no candidate {index} to choose.");
        }
        var id = Guid.NewGuid();
        var layout = folders.For(id);
        var task = layout.ImportTask(source.Layout.Task);
        var start = planned with
        {
            Id = id,
            CreatedAt = clock.GetUtcNow(),
            Status = RunStatus.AwaitingChoice,
            InterruptedStep = null,
            Message = index == 0 ? "Writing the code from the agents' plan (a copy of an earlier run's plan)" : $"Writing the code from candidate {index} (a copy of an earlier run's plan)",
            ChosenIndex = null,
            ChosenInstruction = null,
            Stages = ImmutableDictionary<CodeStage, string>.Empty,
            Attempts = [],
            Timings = [.. planned.Timings.Where(t => RunSteps.IsPlanning(t.Step))],
            SubmissionProblems = [],
            LintFindings = [],
            Branches = [],
        };
        Background(await CreateAsync(start, layout, task), s => s.ChooseAsync(index, null, _stopping.Token));
        return id;
    }

    /// <summary>
    /// Starts the task of an earlier run again with the analyst's corrections of what was assumed (file roles, targets,
    /// positive class), written into the new run's task.json so that every later step and download sees them.
    /// </summary>
    /// <exception cref="TaskFolderException">The corrections do not make a task (e.g. a role left unclaimed); nothing is created.</exception>
    public async Task<Guid> CorrectAsync(Guid sourceId, TaskHints hints)
    {
        ArgumentNullException.ThrowIfNull(hints);
        var source = await SessionAsync(sourceId) ?? throw new KeyNotFoundException($"No run {sourceId}.");
        var task = source.Task;
        var id = Guid.NewGuid();
        var layout = folders.For(id);
        TaskFolder corrected;
        try
        {
            corrected = TaskFolder.Create(layout.ImportTask(task.Directory).Directory, task.Task, hints);
        }
        catch (TaskFolderException)
        {
            Directory.Delete(layout.Root, recursive: true);
            throw;
        }
        Background(await CreateAsync(RunSnapshot.Start(id, corrected.Task, pipeline.Engine.Name), layout, corrected), s => s.PlanAsync(null, _stopping.Token));
        return id;
    }

    /// <summary>
    /// Removes a run that is not working: its database row, and its folder when it is one of the data directory's own
    /// (a solve --out folder is the analyst's and stays). Refuses a run in progress.
    /// </summary>
    public async Task DeleteAsync(Guid id)
    {
        var session = await SessionAsync(id) ?? throw new KeyNotFoundException($"No run {id}.");
        if (session.IsBusy)
        {
            throw new InvalidOperationException("This run is still working; stop it before deleting it.");
        }
        // The row goes first, so nothing can reopen the run from the database once its session is dropped.
        await store.DeleteAsync(id, CancellationToken.None);
        if (_sessions.TryRemove(id, out var entry))
        {
            entry.Session.Dispose();
        }
        // A symlink in place of the folder is removed, not followed.
        var folder = new DirectoryInfo(session.Layout.Root);
        if (folders.Owns(session.Layout) && folder.Exists && folder.LinkTarget is null)
        {
            folder.Delete(recursive: true);
        }
    }

    public async Task StopAsync(Guid id) => (await SessionAsync(id))?.Stop();

    public Task<IReadOnlyList<RunSummary>> ListAsync() => store.ListAsync(200, CancellationToken.None);

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => RecoverInterruptedAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => ShutdownAsync(cancellationToken);

    /// <summary>Stops taking work, interrupts every working step and waits until each has saved its run as interrupted.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in _sessions.Values)
        {
            entry.Session.Interrupt();
        }
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_background.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Shutdown went on before every run had saved; a restart marks those runs interrupted");
        }
    }

    /// <summary>Starts a step of a run in the background, once the session has taken it (or refused it, here and now).</summary>
    private async Task StepAsync(Guid id, Func<RunSession, Task> step)
    {
        var session = await SessionAsync(id) ?? throw new KeyNotFoundException($"No run {id}.");
        Background(session, step);
    }

    private void Background(RunSession session, Func<RunSession, Task> step)
    {
        if (_stopping.IsCancellationRequested)
        {
            throw new InvalidOperationException("The server is shutting down; try again once it has restarted.");
        }
        // The session takes the run synchronously (or throws): "busy" is true before this returns.
        var running = step(session);
        _background[running] = true;
        _ = running.ContinueWith(t =>
        {
            if (t.Exception is { } error)
            {
                logger.LogError(error, "Run {RunId} failed", session.Run.Id);
            }
            _background.TryRemove(t, out _);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>A new run's session, saved and owned by the service (it disposes it on eviction, delete or shutdown).</summary>
    private async Task<RunSession> CreateAsync(RunSnapshot run, RunLayout layout, TaskFolder task)
    {
        var session = new RunSession(run, layout, task, pipeline, store, queue);
        await store.SaveAsync(run, layout.Root, CancellationToken.None);
        _sessions[run.Id] = new Entry(session, clock.GetUtcNow());
        return session;
    }

    /// <summary>A stored run as a session: recovered if it was cut short, with a problem noted if it cannot be worked on.</summary>
    private async Task<RunSession?> OpenAsync(Guid id)
    {
        StoredRun? stored;
        try
        {
            stored = await store.LoadAsync(id, CancellationToken.None);
        }
        catch (JsonException error)
        {
            var summary = await store.SummaryAsync(id, CancellationToken.None);
            var problem = $"The stored document of this run cannot be read ({error.Message}); what the history knows is shown, and the run can be deleted.";
            logger.LogError(error, "Run {RunId}: its stored document cannot be read", id);
            return summary is null ? null : new RunSession(Placeholder(summary.Value.Summary, problem), new RunLayout(summary.Value.Folder), null, pipeline, store, queue, problem);
        }
        if (stored is not { } found)
        {
            return null;
        }
        var layout = new RunLayout(found.Folder);
        if (!Directory.Exists(layout.Root) || !File.Exists(Path.Combine(layout.Task, TaskFolder.TaskFileName)))
        {
            var problem = $"This run's files are missing ({layout.Root} is gone or incomplete): what the database holds is shown, and the run can be deleted.";
            var run = found.Run.IsActive ? new RunUpdate.StatusChanged(RunStatus.Failed, problem).ApplyTo(found.Run) : found.Run;
            return new RunSession(run, layout, null, pipeline, store, queue, problem);
        }
        var recovered = await RunSession.RecoverAsync(found.Run, layout, store, CancellationToken.None);
        try
        {
            return new RunSession(recovered, layout, TaskFolder.Load(layout.Task), pipeline, store, queue);
        }
        catch (TaskFolderException error)
        {
            return new RunSession(recovered, layout, null, pipeline, store, queue, $"This run's task folder cannot be read: {error.Message}");
        }
    }

    private static RunSnapshot Placeholder(RunSummary summary, string problem) =>
        RunSnapshot.Start(summary.Id, new MlTask(summary.Title, "", "", "", "", ""), summary.Engine) with
        {
            CreatedAt = summary.CreatedAt,
            Status = RunStatus.Failed,
            Message = problem,
        };

    /// <summary>Drops sessions that no step uses, no page watches and nobody opened for <see cref="IdleAfter"/>.</summary>
    private void EvictIdle()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _sessions)
        {
            if (now - entry.LastUsed >= IdleAfter && !entry.Session.IsBusy && !entry.Session.IsWatched
                && ((ICollection<KeyValuePair<Guid, Entry>>)_sessions).Remove(new(id, entry)))
            {
                entry.Session.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync(CancellationToken.None);
        foreach (var entry in _sessions.Values)
        {
            entry.Session.Dispose();
        }
        _opening.Dispose();
        _stopping.Dispose();
    }

    /// <summary>For containers disposed synchronously (the command line's, the tests').</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class Entry(RunSession session, DateTimeOffset lastUsed)
    {
        private long _lastUsedTicks = lastUsed.UtcTicks;

        public RunSession Session { get; } = session;

        public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

        public Entry Touch(TimeProvider clock)
        {
            Interlocked.Exchange(ref _lastUsedTicks, clock.GetUtcNow().UtcTicks);
            return this;
        }
    }
}
