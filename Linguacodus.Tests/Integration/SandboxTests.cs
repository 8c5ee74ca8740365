using Linguacodus.Core.Execution;

using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Integration;

/// <summary>The real bubblewrap sandbox running real Python.</summary>
public sealed class SandboxTests : SandboxTest
{
    [Fact]
    public async Task CheckAsync_ThisHost_CanRunPandasAndSklearn()
    {
        Assert.Null(await Sandbox().CheckAsync(CancellationToken.None));
    }

    [Fact]
    public async Task CheckAsync_MissingBubblewrap_RefusesWithMessage()
    {
        var refusal = await Sandbox(o => o.BubblewrapPath = "/nonexistent/bwrap").CheckAsync(CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains("bubblewrap", refusal);
    }

    [Fact]
    public async Task RunAsync_Cells_StreamsLinesTaggedWithTheirCell()
    {
        var (result, lines) = await RunAsync("# header\n# %% one\nprint('a')\n# %% two\nimport sys\nprint('b', file=sys.stderr)\n");

        Assert.True(result.Succeeded);
        Assert.Contains(lines, l => l is { Text: "a", IsError: false, Cell: 1 });
        Assert.Contains(lines, l => l is { Text: "b", IsError: true, Cell: 2 });
    }

    [Fact]
    public async Task RunAsync_SameCellsAgain_RestoresTheUnchangedOnesAndRunsFromTheFirstEdit()
    {
        const string First = "# %% one\nimport random\nclass Box:\n    pass\nbox = Box()\nbox.v = 41\nrandom.seed(7)\nprint('one ran')\n";
        static string Program(string two, int score) =>
            First + $"# %% two\nprint('{two}', box.v + 1, random.random())\n# %% three\nprint('LINGUACODUS_VALIDATION {{\"score\": {score}}}')\n";
        static List<(int, string)> Printed(List<OutputLine> lines) => [.. lines.Where(l => !l.IsError).Select(l => (l.Cell, l.Text))];
        await RunAsync(Program("two", 1));

        var (result, lastEdited) = await RunAsync(Program("two", 2));
        var (_, middleEdited) = await RunAsync(Program("TWO", 3));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([(0, OutputLine.RestoredNote), (1, OutputLine.RestoredNote), (2, "LINGUACODUS_VALIDATION {\"score\": 2}")], Printed(lastEdited));
        // The edited cell sees the restored objects and random state, as in a full run (random.seed(7) then one draw).
        Assert.Equal([(0, OutputLine.RestoredNote), (1, "TWO 42 0.32383276483316237"), (2, "LINGUACODUS_VALIDATION {\"score\": 3}")], Printed(middleEdited));
    }

    [Fact]
    public async Task RunAsync_StateThatCannotBeSaved_RunsEveryCellAgain()
    {
        const string Program = "# %% one\nsquare = lambda x: x * x\nprint('one ran')\n# %% two\nprint(square(3))\n";
        await RunAsync(Program);

        var (result, lines) = await RunAsync(Program);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["one ran", "9"], lines.Where(l => !l.IsError).Select(l => l.Text));
    }

    [Fact]
    public async Task RunAsync_Exception_TracebackKeepsScriptLineNumbers()
    {
        var (result, lines) = await RunAsync("# %% a\nx = 1\n# %% b\n\nraise ValueError('bad value')\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(lines, l => l.IsError && l.Text.Contains("main.py\", line 5"));
        Assert.Contains(lines, l => l.IsError && l.Text == "ValueError: bad value");
        Assert.DoesNotContain(lines, l => l.Text.Contains("run_cells.py"));
    }

    [Fact]
    public async Task RunAsync_Network_IsUnreachable()
    {
        var (_, lines) = await RunAsync("""
            import socket
            for host, port in [("127.0.0.1", 5080), ("1.1.1.1", 80), ("example.com", 443)]:
                try:
                    socket.create_connection((host, port), timeout=2)
                    print("open", host)
                except OSError:
                    print("blocked", host)
            """);

        Assert.Equal(3, lines.Count(l => l.Text.StartsWith("blocked")));
    }

    [Fact]
    public async Task RunAsync_FilesOutsideWorkFolder_AreHiddenOrReadOnly()
    {
        var (_, lines) = await RunAsync("""
            import os
            for path in ["/root", "/home", "/var/lib", "/etc/passwd"]:
                print("visible" if os.path.exists(path) else "hidden", path)
            for path in ["/usr/evil.txt", "/job/../escape.txt"]:
                try:
                    open(path, "w").write("x")
                    print("wrote", path)
                except OSError:
                    print("denied", path)
            """);

        Assert.Equal(4, lines.Count(l => l.Text.StartsWith("hidden")));
        Assert.Equal(2, lines.Count(l => l.Text.StartsWith("denied")));
    }

    [Fact]
    public async Task RunAsync_SecretInAppEnvironment_IsInvisible()
    {
        Environment.SetEnvironmentVariable("LINGUACODUS_TEST_CANARY", "canary-7f3a");
        try
        {
            var (_, lines) = await RunAsync("""
                import os
                print("env" if "canary-7f3a" in str(os.environ) else "clean")
                print("proc" if "canary-7f3a" in open("/proc/1/environ").read() else "clean")
                """);

            Assert.Equal(["clean", "clean"], lines.Select(l => l.Text));
        }
        finally
        {
            Environment.SetEnvironmentVariable("LINGUACODUS_TEST_CANARY", null);
        }
    }

    [Fact]
    public async Task RunAsync_PastWallLimit_KillsTheProgramAndSaysWhy()
    {
        var (result, _) = await RunAsync(
            "import subprocess, time\nsubprocess.Popen(['/usr/bin/python3', '-c', 'import time; time.sleep(60)'], start_new_session=True)\ntime.sleep(60)\n",
            Sandbox(o => o.WallSeconds = 2));

        Assert.False(result.Succeeded);
        Assert.Equal("stopped after 2 s (wall-clock limit)", result.LimitMessage);
        Assert.InRange(result.Duration.TotalSeconds, 1.5, 10);
    }

    [Fact]
    public async Task RunAsync_PastMemoryLimit_SaysMemoryLimit()
    {
        var (result, _) = await RunAsync("import numpy as np\nx = np.ones((1024, 1024, 1024), dtype=np.float64)\n", Sandbox(o => o.MemoryMegabytes = 1024));

        Assert.Equal("memory limit of 1,024 MB reached", result.LimitMessage);
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsPromptly()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var script = Path.Combine(Work.FullName, "main.py");
        await File.WriteAllTextAsync(script, "import time\ntime.sleep(60)\n");

        var result = await Sandbox().RunAsync(Work.FullName, script, SandboxInputs.None, _ => { }, cancel.Token);

        Assert.True(result.Stopped);
        Assert.Null(result.LimitMessage);
    }
}
