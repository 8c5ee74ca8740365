using System.Collections.Concurrent;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Web.Runs;

/// <summary>
/// Keeps the runs of this server process alive independently of any browser tab: steps run in the background,
/// pages subscribe to a run's updates and re-read its snapshot, and finished runs are reopened from the database.
/// </summary>
public sealed class RunHost(RunPipeline pipeline, RunStore store, RunFolders folders, ILogger<RunHost> logger) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, RunSession> _sessions = new();

    /// <summary>Creates a run from a task folder (copied into the run's own folder) and starts planning it.</summary>
    public async Task<Guid> StartAsync(string taskDirectory, string? targetOverride = null)
    {
        var id = Guid.NewGuid();
        var folder = folders.For(id);
        var task = RunSession.ImportTask(taskDirectory, folder);
        var session = new RunSession(RunSnapshot.Start(id, task.Task, pipeline.Engine.Name), folder, task, pipeline, store);
        await store.SaveAsync(session.Run, folder, CancellationToken.None);
        _sessions[id] = session;
        Background(session, s => s.PlanAsync(targetOverride, CancellationToken.None));
        return id;
    }

    public async Task<RunSnapshot?> GetAsync(Guid id) =>
        _sessions.TryGetValue(id, out var session) ? session.Run : (await store.LoadAsync(id, CancellationToken.None))?.Run;

    /// <summary>The live session of a run; after a restart it is rebuilt from the database and the run's own folder.</summary>
    public async Task<RunSession?> SessionAsync(Guid id)
    {
        if (_sessions.TryGetValue(id, out var live))
        {
            return live;
        }
        if (await store.LoadAsync(id, CancellationToken.None) is not { } stored)
        {
            return null;
        }
        var run = stored.Run.IsActive
            ? new RunUpdate.StatusChanged(RunStatus.Failed, "Interrupted by a server restart; choose again or rerun the code.").ApplyTo(stored.Run)
            : stored.Run;
        var session = new RunSession(run, stored.Folder, TaskFolder.Load(Path.Combine(stored.Folder, "task")), pipeline, store);
        return _sessions.GetOrAdd(id, session);
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
    }
}
