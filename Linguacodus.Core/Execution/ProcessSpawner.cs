using System.Collections.Concurrent;
using System.Diagnostics;

namespace Linguacodus.Core.Execution;

/// <summary>
/// Starts sandbox processes from one thread that lives as long as the app. bubblewrap's --die-with-parent uses the
/// kernel's parent-death signal, which fires when the <em>thread</em> that started the process ends, not the
/// process: started from a thread-pool thread, a long program would be killed whenever the pool retired that thread.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Requests = [];
    private static readonly Lazy<Thread> Spawner = new(() =>
    {
        var thread = new Thread(Serve) { IsBackground = true, Name = "Linguacodus sandbox spawner" };
        thread.Start();
        return thread;
    });

    /// <summary>Starts <paramref name="process"/> on the spawner thread; completes once it runs (or failed to start).</summary>
    public static Task StartAsync(Process process)
    {
        _ = Spawner.Value;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((process, started));
        return started.Task;
    }

    private static void Serve()
    {
        foreach (var (process, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception error)
            {
                started.SetException(error);
            }
        }
    }
}
