using System.Diagnostics;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Tests.Infrastructure;
using Linguacodus.Tests.Web;
using Microsoft.Data.Sqlite;

namespace Linguacodus.Tests.Security;

/// <summary>
/// The real binary killed with SIGKILL mid-run (no chance to clean up): nothing it started survives, the SQLite file
/// is intact, and the run, reopened as a restarted server reopens it, says it was interrupted and resumes from its
/// last finished step.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("linguacodus-crash-");

    private string Data => Path.Combine(_scratch.FullName, "data");

    /// <summary>`linguacodus solve` as its own process, over this test's data folder; its output is drained and kept.</summary>
    private Process StartSolve(string example, string outDirectory, int? sandboxUid = null, Action<string>? onProgress = null)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { typeof(Linguacodus.Web.WebApp).Assembly.Location, "solve", Repository.Example(example), "--out", outDirectory, "--choice", "1" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["Linguacodus__DataDirectory"] = Data },
        };
        if (sandboxUid is { } uid)
        {
            info.Environment["Execution__SandboxUser"] = $"{uid}";
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                onProgress?.Invoke(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [Fact]
    public async Task AppCrash_KillMinusNineWhileTheProgramRuns_NoOrphans_DatabaseIntact_ResumesWithoutReplanning()
    {
        int? uid = Environment.IsPrivilegedProcess ? ProcessTable.PrivateUid() : null;
        var folder = Path.Combine(_scratch.FullName, "run");
        using var solve = StartSolve("breast-cancer", folder, uid);

        // Wait until the sandboxed program runs, then kill the app (only the app: SIGKILL, no clean-up).
        var tree = await WaitForAsync(() => ProcessTable.Descendants(solve.Id) is var t && t.Any(p => p.Command.Contains("run_cells.py /job/solution.py")) ? t : null);
        solve.Kill(entireProcessTree: false);
        await solve.WaitForExitAsync();

        // The kernel tears the sandbox down as its parent dies (bubblewrap's --die-with-parent, then the PID namespace):
        // within moments nothing the app started runs, and the program never got to write its submission.
        List<string> Survivors() =>
            [.. tree.Where(p => ProcessTable.IsAlive(p.Pid, p.Start)).Select(p => p.Command),
             .. uid is { } sandboxUid ? ProcessTable.ProcessesOf(sandboxUid).Select(ProcessTable.Command) : []];
        var clock = Stopwatch.StartNew();
        while (Survivors().Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(20);
        }
        Assert.Empty(Survivors());
        Assert.False(File.Exists(Path.Combine(folder, "work", "submission.csv")));
        Assert.Equal("ok", Pragma("integrity_check"));

        // A restarted server finds the run interrupted.
        using var services = new TestServices(dataDirectory: Data);
        var store = services.Get<RunStore>();
        var host = services.Get<RunService>();
        Assert.Equal(1, await host.RecoverInterruptedAsync(CancellationToken.None));
        var id = Assert.Single(await store.ListAsync(10, CancellationToken.None)).Id;
        Assert.Empty(await store.ListActiveAsync(CancellationToken.None));
        var session = (await host.SessionAsync(id))!;
        var interrupted = session.Run;
        Assert.True(interrupted.IsInterrupted);
        Assert.Equal(RunStatus.Executing, interrupted.InterruptedStep);
        Assert.Equal("interrupted", interrupted.StatusText);
        Assert.Equal("Interrupted by a server restart while running the program; resume runs the code again.", interrupted.Message);
        Assert.Equal("interrupted by a server restart", Assert.Single(interrupted.Attempts).Error);

        await host.ResumeAsync(id);
        await AppServices.WaitUntilIdleAsync(session);

        var resumed = session.Run;
        Assert.True(resumed.Status == RunStatus.Succeeded, resumed.Message);
        Assert.Equal([AttemptTrigger.Generated, AttemptTrigger.Resume], resumed.Attempts.Select(a => a.Trigger));
        Assert.Equal(interrupted.Candidates, resumed.Candidates);
        Assert.Equal(interrupted.Stages, resumed.Stages);
        Assert.Single(resumed.Timings, t => t.Step == "instructions");
        Assert.Single(resumed.Timings, t => t.Step == "code: submission");
        Assert.True(File.Exists(Path.Combine(folder, "submission.csv")));
        Assert.Equal("succeeded", (await store.ListAsync(10, CancellationToken.None))[0].Status);
    }

    [Fact]
    public async Task SqliteCrashSafety_ThreeWritersKilledAtRandomMoments_IntegrityOkAndEveryRunConsistent()
    {
        var runs = Enumerable.Range(0, 3).Select(i => Path.Combine(_scratch.FullName, $"run-{i}")).ToList();
        var started = runs.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var writers = runs.Select((folder, i) => StartSolve(i % 2 == 0 ? "digits" : "diabetes-progression", folder,
            onProgress: line =>
            {
                // Each status line is printed as its update is applied, and saved before the next: by the second the
                // run is in the database.
                if (line.Contains("Writing three candidate instructions", StringComparison.Ordinal))
                {
                    started[i].TrySetResult();
                }
            })).ToList();
        try
        {
            // Once a writer reports progress its run is in the database; then it is killed somewhere in planning,
            // coding or running, where every update is a write that SIGKILL may cut.
            await Task.WhenAll(writers.Select(async (writer, i) =>
            {
                await started[i].Task.WaitAsync(TimeSpan.FromSeconds(90));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2_500)));
                writer.Kill(entireProcessTree: false);
            }));
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.WaitForExitAsync();
                writer.Dispose();
            }
        }

        Assert.Equal("ok", Pragma("integrity_check"));
        using var services = new TestServices(dataDirectory: Data);
        var store = services.Get<RunStore>();
        var summaries = await store.ListAsync(10, CancellationToken.None);
        Assert.Equal(3, summaries.Count);
        foreach (var summary in summaries)
        {
            // Row and document were written in one statement: they agree, and the document is whole.
            var (run, folder) = (await store.LoadAsync(summary.Id, CancellationToken.None))!.Value;
            Assert.Equal(summary.Status, run.StatusText);
            Assert.Equal(summary.Title, run.Task.Title);
            Assert.Contains(folder, runs);
        }
        var host = services.Get<RunService>();
        await host.RecoverInterruptedAsync(CancellationToken.None);
        Assert.Empty(await store.ListActiveAsync(CancellationToken.None));
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The awaited state did not come.");
            }
            await Task.Delay(10);
        }
    }

    private string Pragma(string name)
    {
        using var connection = new SqliteConnection(LinguacodusDbContext.ConnectionString(Data));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _scratch.Delete(recursive: true);
    }
}
