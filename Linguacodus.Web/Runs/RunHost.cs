using System.Collections.Concurrent;
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

    public async Task ChooseAsync(Guid id, int index, string? editedInstruction = null)
    {
        var session = await SessionAsync(id) ?? throw new KeyNotFoundException($"No run {id}.");
        EnsureIdle(session);
        Background(session, s => s.ChooseAsync(index, editedInstruction, CancellationToken.None));
    }

    public async Task RunEditedAsync(Guid id, IReadOnlyDictionary<CodeStage, string> stages)
    {
        var session = await SessionAsync(id) ?? throw new KeyNotFoundException($"No run {id}.");
        EnsureIdle(session);
        Background(session, s => s.RunEditedAsync(stages, CancellationToken.None));
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

    public async Task StopAsync(Guid id) => (await SessionAsync(id))?.Stop();

    public Task<IReadOnlyList<RunSummary>> ListAsync() => store.ListAsync(200, CancellationToken.None);

    private static void EnsureIdle(RunSession session)
    {
        if (session.IsBusy)
        {
            throw new InvalidOperationException("This run is still working; stop it first.");
        }
    }

    private void Background(RunSession session, Func<RunSession, Task> step) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await step(session);
            }
            catch (Exception error)
            {
                logger.LogError(error, "Run {RunId} failed", session.Run.Id);
            }
        });

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }
        _opening.Dispose();
    }
}
