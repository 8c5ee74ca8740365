using System.Collections.Concurrent;
using System.Collections.Immutable;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Web.Runs;

/// <summary>
/// Keeps the runs of this server process alive independently of any browser tab: steps run in the background,
/// pages subscribe to a run's updates and re-read its snapshot, and finished runs are reopened from the database.
/// Runs that a crash or restart cut short are marked interrupted (at start-up and whenever one is opened) and can be
/// resumed from their last finished step.
/// </summary>
public sealed class RunHost(RunPipeline pipeline, RunStore store, RunFolders folders, ExecutionSlots queue, ILogger<RunHost> logger) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, RunSession> _sessions = new();
    private readonly SemaphoreSlim _opening = new(1, 1);

    /// <summary>Steps handed to the background and not yet ended, by run: a run with one is never deleted.</summary>
    private readonly ConcurrentDictionary<Guid, int> _working = new();

    /// <summary>Creates a run from a task folder (copied into the run's own folder) and starts planning it.</summary>
    public async Task<Guid> StartAsync(string taskDirectory, string? targetOverride = null)
    {
        var id = Guid.NewGuid();
        var folder = folders.For(id);
        var task = RunSession.ImportTask(taskDirectory, folder);
        var session = new RunSession(RunSnapshot.Start(id, task.Task, pipeline.Engine.Name), folder, task, pipeline, store, queue);
        await store.SaveAsync(session.Run, folder, CancellationToken.None);
        _sessions[id] = session;
        Background(session, s => s.PlanAsync(targetOverride, CancellationToken.None));
        return id;
    }

    /// <summary>Marks every run the database holds as active, but no live process works on, as interrupted. Call at start-up.</summary>
    public async Task<int> RecoverInterruptedAsync(CancellationToken cancellationToken)
    {
        var recovered = 0;
        foreach (var id in await store.ListActiveAsync(cancellationToken))
        {
            if (await SessionAsync(id) is { } session && RunSession.IsInterrupted(session.Run))
            {
                recovered++;
            }
        }
        if (recovered > 0)
        {
            logger.LogWarning("{Count} run(s) were interrupted by a restart; they can be resumed from their run pages", recovered);
        }
        return recovered;
    }

    public async Task<RunSnapshot?> GetAsync(Guid id) =>
        _sessions.TryGetValue(id, out var session) ? session.Run : (await SessionAsync(id))?.Run;

    /// <summary>The live session of a run; after a restart it is rebuilt from the database and the run's own folder.</summary>
    public async Task<RunSession?> SessionAsync(Guid id)
    {
        if (_sessions.TryGetValue(id, out var live))
        {
            return live;
        }
        // One opener at a time, so a run is recovered (and its folder cleaned) once.
        await _opening.WaitAsync();
        try
        {
            if (_sessions.TryGetValue(id, out live))
            {
                return live;
            }
            if (await store.LoadAsync(id, CancellationToken.None) is not { } stored)
            {
                return null;
            }
            var run = await RunSession.RecoverAsync(stored.Run, stored.Folder, store, CancellationToken.None);
            var session = new RunSession(run, stored.Folder, TaskFolder.Load(Path.Combine(stored.Folder, "task")), pipeline, store, queue);
            return _sessions.GetOrAdd(id, session);
        }
        finally
        {
            _opening.Release();
        }
    }

    public Task ChooseAsync(Guid id, int index, string? editedInstruction = null) =>
        StepAsync(id, s => s.ChooseAsync(index, editedInstruction, CancellationToken.None));

    public Task RunEditedAsync(Guid id, IReadOnlyDictionary<CodeStage, string> stages) =>
        StepAsync(id, s => s.RunEditedAsync(stages, CancellationToken.None));

    /// <summary>Writes and runs every candidate's code, each in its own branch, to compare them by score.</summary>
    public Task CompareAsync(Guid id) => StepAsync(id, s => s.CompareAsync(CancellationToken.None));

    /// <summary>Takes a compared candidate's branch as the run's solution.</summary>
    public Task PromoteAsync(Guid id, int candidate) => StepAsync(id, s => s.PromoteAsync(candidate, CancellationToken.None), s =>
    {
        if (s.PromoteProblem(candidate) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    });

    /// <summary>Starts a step of an idle run in the background, after the step's own checks.</summary>
    private async Task StepAsync(Guid id, Func<RunSession, Task> step, Action<RunSession>? check = null)
    {
        var session = await SessionAsync(id) ?? throw new KeyNotFoundException($"No run {id}.");
        EnsureIdle(session);
        check?.Invoke(session);
        Background(session, step);
    }

    /// <summary>Continues an interrupted run from its last finished step.</summary>
    public async Task ResumeAsync(Guid id)
    {
        var session = await SessionAsync(id) ?? throw new KeyNotFoundException($"No run {id}.");
        EnsureIdle(session);
        if (!RunSession.IsInterrupted(session.Run))
        {
            throw new InvalidOperationException("Only an interrupted run can be resumed.");
        }
        Background(session, s => s.ResumeAsync(CancellationToken.None));
    }

    /// <summary>
    /// Starts a new run from an earlier run's plan: a copy of its task folder and its profile, candidates, critique
    /// and verdict (no planning again), then writes the code from candidate 1-3, or 0 for the agents' choice.
    /// </summary>
    public async Task<Guid> DuplicateAsync(Guid sourceId, int index)
    {
        var source = await SessionAsync(sourceId) ?? throw new KeyNotFoundException($"No run {sourceId}.");
        var planned = source.Run;
        if (planned.Profile is null || planned.Candidates.Count == 0 || planned.Verdict is null)
        {
            throw new InvalidOperationException("This run has no finished plan to start from; start the task again instead.");
        }
        if (index is < 0 or > RunPipeline.CandidateCount || (index > 0 && index > planned.Candidates.Count))
        {
            throw new InvalidOperationException($"There is no candidate {index} to choose.");
        }
        var id = Guid.NewGuid();
        var folder = folders.For(id);
        var task = RunSession.ImportTask(Path.Combine(source.Folder, "task"), folder);
        var planningSteps = new HashSet<string>(StringComparer.Ordinal) { "profile", "instructions", "judge" };
        var start = planned with
        {
            Id = id,
            CreatedAt = DateTimeOffset.UtcNow,
            Status = RunStatus.AwaitingChoice,
            Message = index == 0 ? "Writing the code from the agents' plan (a copy of an earlier run's plan)" : $"Writing the code from candidate {index} (a copy of an earlier run's plan)",
            ChosenIndex = null,
            ChosenInstruction = null,
            Stages = ImmutableDictionary<CodeStage, string>.Empty,
            Attempts = [],
            Timings = [.. planned.Timings.Where(t => planningSteps.Contains(t.Step))],
            SubmissionProblems = [],
            LintFindings = [],
            Branches = [],
        };
        var session = new RunSession(start, folder, task, pipeline, store, queue);
        await store.SaveAsync(start, folder, CancellationToken.None);
        _sessions[id] = session;
        Background(session, s => s.ChooseAsync(index, null, CancellationToken.None));
        return id;
    }

    /// <summary>Removes a run that is not working: its database row and its folder. Refuses a run in progress.</summary>
    public async Task DeleteAsync(Guid id)
    {
        var session = await SessionAsync(id) ?? throw new KeyNotFoundException($"No run {id}.");
        if (session.IsBusy || session.Run.IsActive || _working.GetValueOrDefault(id) > 0)
        {
            throw new InvalidOperationException("This run is still working; stop it before deleting it.");
        }
        // The row goes first, so nothing can reopen the run from the database once its session is dropped.
        await store.DeleteAsync(id, CancellationToken.None);
        _sessions.TryRemove(id, out _);
        session.Dispose();
        // The folder is the server's own name for this id, never the stored path; a symlink inside it is removed,
        // not followed.
        var folder = new DirectoryInfo(folders.For(id));
        if (folder.Exists && folder.LinkTarget is null)
        {
            folder.Delete(recursive: true);
        }
    }

    public async Task StopAsync(Guid id) => (await SessionAsync(id))?.Stop();

    public Task<IReadOnlyList<RunSummary>> ListAsync() => store.ListAsync(200, CancellationToken.None);

    private static void EnsureIdle(RunSession session)
    {
        if (session.IsBusy)
        {
            throw new InvalidOperationException("This run is still working; stop it first.");
        }
    }

    private void Background(RunSession session, Func<RunSession, Task> step)
    {
        var id = session.Run.Id;
        // Counted before the step is scheduled, so a delete right after a choice sees the run as working.
        _working.AddOrUpdate(id, 1, (_, count) => count + 1);
        _ = Task.Run(async () =>
        {
            try
            {
                await step(session);
            }
            catch (Exception error)
            {
                logger.LogError(error, "Run {RunId} failed", id);
            }
            finally
            {
                _working.AddOrUpdate(id, 0, (_, count) => count - 1);
            }
        });
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }
        _opening.Dispose();
    }
}
