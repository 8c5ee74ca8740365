using System.Diagnostics;
using Linguacodus.Core.Execution;

using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Security;

/// <summary>Hostile programs against the real sandbox (SECURITY.md's list): each is contained with a plain message.</summary>
public sealed class SandboxHardeningTests : SandboxTest
{
    [RootFact]
    public async Task DedicatedUser_AppIsRoot_ProgramRunsUnprivilegedWithoutCapabilities()
    {
        var sandbox = Sandbox();
        Assert.NotNull(sandbox.Identity);

        var (result, lines) = await RunAsync("""
            import os
            status = dict(line.split(":\t", 1) for line in open("/proc/self/status").read().splitlines() if ":\t" in line)
            print("uid", os.getuid(), os.geteuid(), "gid", os.getgid(), "groups", os.getgroups())
            print("caps", status["CapEff"].strip(), status["CapBnd"].strip(), "nnp", status["NoNewPrivs"].strip())
            open("written-by-the-program.txt", "w").write("x")
            """, sandbox);

        Assert.True(result.Succeeded, string.Join("\n", lines.Select(l => l.Text)));
        var identity = sandbox.Identity!;
        Assert.Contains($"uid {identity.Uid} {identity.Uid} gid {identity.Gid} groups []", lines.Select(l => l.Text));
        Assert.Contains("caps 0000000000000000 0000000000000000 nnp 1", lines.Select(l => l.Text));
        Assert.True(File.Exists(Path.Combine(Work.FullName, "written-by-the-program.txt")));
    }

    [RootFact]
    public async Task DedicatedUser_Missing_ExecutionIsRefusedWithTheFix()
    {
        var sandbox = Sandbox(o => o.SandboxUser = "linguacodus-no-such-user");

        var refusal = await sandbox.CheckAsync(CancellationToken.None);

        Assert.Equal("The sandbox user 'linguacodus-no-such-user' does not exist, so generated code will not run (the app runs as root). Run scripts/setup.sh to create it.", refusal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("print('never')", sandbox));
    }

    [RootFact]
    public async Task DedicatedUser_Root_IsRefused()
    {
        var refusal = await Sandbox(o => o.SandboxUser = "root").CheckAsync(CancellationToken.None);

        Assert.Contains("must be an unprivileged account", refusal);
    }

    [Fact]
    public async Task SelfTest_NetworkNotIsolated_RefusesToRunCode()
    {
        // The same sandbox with the host's network shared: the self-test must notice and refuse.
        var refusal = await Sandbox(null, "--share-net").CheckAsync(CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.StartsWith("The sandbox failed its self-test (the network is reachable from inside", refusal);
    }

    [RootFact]
    public async Task ForkBomb_IsHeldAtTheProcessLimit_SaysSo_AndLeavesNothing()
    {
        // A private uid: the process limit counts every process of a user, and other tests use the shared sandbox user.
        var uid = ProcessTable.PrivateUid();
        var sandbox = Sandbox(o => { o.SandboxUser = $"{uid}"; o.MaxProcesses = 40; o.WallSeconds = 4; });
        var peak = 0;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcessTable.ProcessesOf(uid).Count);
                await Task.Delay(20);
            }
        });
        var heartbeat = Stopwatch.StartNew();

        var (result, _) = await RunAsync("""
            import os
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
            """, sandbox);
        await watching.CancelAsync();
        await watcher;

        Assert.Equal("process limit of 40 reached; stopped after 4 s (wall-clock limit)", result.LimitMessage);
        Assert.InRange(peak, 10, 40);
        Assert.InRange(heartbeat.Elapsed.TotalSeconds, 3.5, 9);
        Assert.Empty(ProcessTable.ProcessesOf(uid));
    }

    [Fact]
    public async Task CpuLimit_BusyLoop_StopsAtTheCpuLimitWithAPlainMessage()
    {
        var (result, _) = await RunAsync("while True:\n    pass\n", Sandbox(o => { o.CpuSeconds = 1; o.WallSeconds = 30; }));

        Assert.Equal("CPU time limit of 1 s reached", result.LimitMessage);
        Assert.False(result.Succeeded);
        Assert.InRange(result.Duration.TotalSeconds, 0.5, 15);
    }

    [Fact]
    public async Task MemoryHog_UnlimitedAllocation_StopsAtTheMemoryLimit()
    {
        var (result, lines) = await RunAsync("""
            hog = []
            while True:
                hog.append(bytearray(16 * 1024 * 1024))
            """, Sandbox(o => o.MemoryMegabytes = 512));

        Assert.Equal("memory limit of 512 MB reached", result.LimitMessage);
        Assert.Contains(lines, l => l.IsError && l.Text == "MemoryError");
    }

    [Theory]
    [InlineData("/dev/shm")]
    [InlineData("/tmp")]
    public async Task MemoryHog_FillingMemoryBackedFolders_StopsAtTheirSize(string folder)
    {
        var (result, _) = await RunAsync($$"""
            block = b"x" * (1024 * 1024)
            with open("{{folder}}/fill", "wb") as file:
                while True:
                    file.write(block)
                    file.flush()
            """, Sandbox(o => { o.ShmMegabytes = 16; o.TmpMegabytes = 24; }));

        Assert.Equal("temporary space full (/tmp holds 24 MB and /dev/shm 16 MB; write large files to the working folder)", result.LimitMessage);
    }

    [Fact]
    public async Task DiskFill_ManyFilesUnderTheFileSizeLimit_StopAtTheWorkingFolderLimit()
    {
        var (result, _) = await RunAsync("""
            import itertools
            block = b"x" * (4 * 1024 * 1024)
            for n in itertools.count():
                open(f"fill-{n}.bin", "wb").write(block)
            """, Sandbox(o => { o.MaxWorkFolderMegabytes = 40; o.WallSeconds = 60; }));

        Assert.Equal("working folder limit reached (40 MB, 100,000 files)", result.LimitMessage);
        Assert.False(result.Stopped);
        Assert.InRange(result.Duration.TotalSeconds, 0, 20);
    }

    [Fact]
    public async Task DiskFill_MillionsOfEmptyFiles_StopAtTheEntryLimit()
    {
        var (result, _) = await RunAsync("""
            import itertools, os
            for n in itertools.count():
                os.makedirs(f"d{n // 100}", exist_ok=True)
                open(f"d{n // 100}/{n}", "w").close()
            """, Sandbox(o => { o.MaxWorkFolderEntries = 2_000; o.WallSeconds = 60; }));

        Assert.Equal("working folder limit reached (4,096 MB, 2,000 files)", result.LimitMessage);
    }

    [Fact]
    public async Task WallClockTree_LoopChildAndDetachedGrandchild_AllGoneAtTheLimit()
    {
        // Each process beats on its own file; after the limit no file may change any more.
        var (result, _) = await RunAsync("""
            import os, subprocess, sys, time
            beat = "import sys, time\nwhile True:\n    open(sys.argv[1], 'a').write('.')\n    time.sleep(0.05)\n"
            subprocess.Popen([sys.executable, "-c", beat, "child.beat"])
            subprocess.Popen([sys.executable, "-c", beat, "grandchild.beat"], start_new_session=True,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while True:
                open("main.beat", "a").write(".")
                time.sleep(0.05)
            """, Sandbox(o => o.WallSeconds = 2));
        var sizes = Beats();
        await Task.Delay(1_000);

        Assert.Equal("stopped after 2 s (wall-clock limit)", result.LimitMessage);
        Assert.InRange(result.Duration.TotalSeconds, 1.5, 3.5);
        Assert.Equal(3, sizes.Count);
        Assert.All(sizes.Values, size => Assert.True(size > 0));
        Assert.Equal(sizes, Beats());

        Dictionary<string, long> Beats() => Work.EnumerateFiles("*.beat").ToDictionary(f => f.Name, f => f.Length);
    }

    [Fact]
    public async Task PlantedLinks_SymlinksAndFifos_AreRemovedBeforeTheAppReadsTheFolder()
    {
        var (result, _) = await RunAsync("""
            import os
            os.symlink("/etc/passwd", "submission.csv")
            os.symlink("/", "root")
            os.makedirs("deep/er")
            os.symlink("/job/../../etc/shadow", "deep/er/solution.py")
            os.mkfifo("pipe.csv")
            open("kept.csv", "w").write("a\n1\n")
            """);

        Assert.True(result.Succeeded);
        var left = Work.EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Select(e => Path.GetRelativePath(Work.FullName, e.FullName)).Order();
        Assert.Equal(["deep", "deep/er", "kept.csv", "main.py"], left);
    }

    [Fact]
    public async Task Stdin_IsClosed_NotTheAppsTerminal()
    {
        var (result, lines) = await RunAsync("import sys\nprint(repr(sys.stdin.read()))\n");

        Assert.True(result.Succeeded);
        Assert.Equal(["''"], lines.Select(l => l.Text));
    }

    [Fact]
    public async Task ParentDeathSignal_StarterThreadEnds_ProgramKeepsRunning()
    {
        // The kernel sends the parent-death signal when the thread that started a process ends. A process started
        // from a short-lived thread dies with it; the sandbox starts its processes from a thread that never ends.
        var results = await Task.WhenAll(
            StartFromShortLivedThreadAsync(start => { start.Start(); return Task.CompletedTask; }),
            StartFromShortLivedThreadAsync(ProcessSpawner.StartAsync));
        var (direct, spawned) = (results[0], results[1]);

        Assert.Equal(137, direct);
        Assert.Equal(0, spawned);

        static async Task<int> StartFromShortLivedThreadAsync(Func<Process, Task> start)
        {
            using var process = new Process { StartInfo = new ProcessStartInfo("/usr/bin/setpriv", ["--pdeathsig", "KILL", "--", "/usr/bin/sleep", "3"]) };
            Task? started = null;
            // The thread lives until setpriv has set the signal, then ends while the program still sleeps.
            var thread = new Thread(() => { started = start(process); Thread.Sleep(1_000); });
            thread.Start();
            thread.Join();
            await started!;
            await process.WaitForExitAsync();
            return process.ExitCode;
        }
    }

    [RootFact]
    public async Task DedicatedUser_SystemOrHomeFolderAsWorkFolder_IsNeverHandedOver()
    {
        // `exec --out /etc` must not give /etc to the sandbox user: the program could write /etc/cron.d.
        foreach (var folder in new[] { "/", "/etc", "/etc/cron.d", "/usr/local/bin", "/root", "/home", "/var/spool/cron", "/tmp" })
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => Sandbox().RunAsync(folder, Path.Combine(folder, "x.py"), SandboxInputs.None, _ => { }, CancellationToken.None));
            Assert.Contains("cannot be the sandbox's working folder", error.Message);
        }
        Assert.Null(WorkFolder.HandOverProblem(Work.FullName));
    }
}
