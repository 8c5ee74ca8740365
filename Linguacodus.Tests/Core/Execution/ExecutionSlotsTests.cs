using System.Collections.Concurrent;
using System.Diagnostics;
using Linguacodus.Core.Execution;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Linguacodus.Tests.Core.Execution;

/// <summary>The slots as one queue for every app process that shares their folder: each instance here stands for a process.</summary>
public sealed class ExecutionSlotsTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("linguacodus-slots-");

    private ExecutionSlots Slots(int capacity, string? directory = null) =>
        new(Options.Create(new ExecutionOptions { MaxConcurrentRuns = capacity, SlotsDirectory = directory ?? _folder.FullName }));

    [Fact]
    public async Task TwoProcesses_OneSlot_TheSecondWaitsUntilTheFirstReleases()
    {
        using var first = Slots(1);
        using var second = Slots(1);
        var places = new ConcurrentQueue<int>();
        second.PositionChanged += (_, place) => places.Enqueue(place);
        var held = await first.EnterAsync("first", CancellationToken.None);

        var waiting = second.EnterAsync("second", CancellationToken.None);

        Assert.False(waiting.IsCompleted);
        Assert.Equal([1], places);
        Assert.Equal(1, second.RunningMachineWide);
        Assert.Equal(0, second.Running);
        held.Dispose();
        using var turn = await waiting.WaitAsync(Patience);
        Assert.Equal(0, turn.Index);
        Assert.Equal(1, first.RunningMachineWide);
        Assert.Equal(0, first.Running);
    }

    [Fact]
    public async Task OneProcess_TwoSlots_HandsOutDistinctIndexesAndReusesAFreedOne()
    {
        using var slots = Slots(2);

        var a = await slots.EnterAsync("a", CancellationToken.None);
        var b = await slots.EnterAsync("b", CancellationToken.None);
        var waiting = slots.EnterAsync("c", CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        a.Dispose();
        using var c = await waiting.WaitAsync(Patience);

        Assert.Equal(0, a.Index);
        Assert.Equal(1, b.Index);
        Assert.Equal(0, c.Index);
        Assert.Equal(2, slots.PeakRunning);
        b.Dispose();
        Assert.Equal(1, slots.RunningMachineWide);
    }

    [Fact]
    public async Task Waiter_Cancelled_LeavesTheQueueAndTakesNoSlot()
    {
        using var slots = Slots(1);
        using var held = await slots.EnterAsync("held", CancellationToken.None);
        using var stop = new CancellationTokenSource();

        var waiting = slots.EnterAsync("waiting", stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, slots.Waiting);
        Assert.Equal(1, slots.RunningMachineWide);
    }

    [Fact]
    public async Task HolderKilled_RealCommandLineProcessHoldingTheSlot_FreesItWithoutAnyCleanUp()
    {
        // `exec` of a program that never ends: the command line holds the machine's only slot while it runs.
        var program = Path.Combine(_folder.FullName, "hold.py");
        await File.WriteAllTextAsync(program, "import time\nprint('holding', flush=True)\ntime.sleep(600)\n");
        using var holder = CommandLine("exec", Repository.Example("breast-cancer"), program);
        try
        {
            _ = holder.StandardError.ReadToEndAsync();
            await ReadUntilAsync(holder.StandardOutput, "holding");
            Assert.False(holder.HasExited, "the command line ended before its program held the slot");
            using var slots = Slots(1, Path.Combine(Data, "slots"));
            Assert.Equal(1, slots.RunningMachineWide);
            var waiting = slots.EnterAsync("next", CancellationToken.None);
            Assert.False(waiting.IsCompleted);

            // SIGKILL: the process gets no chance to release anything; the kernel drops its lock.
            holder.Kill();
            using var turn = await waiting.WaitAsync(Patience);

            Assert.Equal(0, turn.Index);
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }
            await holder.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Solve_EverySlotHeldElsewhere_SaysItWaitsWithTheMachinesCountThenRunsOnceFreed()
    {
        using var slots = Slots(1, Path.Combine(Data, "slots"));
        var held = await slots.EnterAsync("elsewhere", CancellationToken.None);
        using var solve = CommandLine("solve", Repository.Example("breast-cancer"), "--out", Path.Combine(_folder.FullName, "out"), "--choice", "1");
        try
        {
            var output = solve.StandardOutput.ReadToEndAsync();

            await ReadUntilAsync(solve.StandardError, "waiting for a free execution slot (1 of 1 in use on this machine)");
            held.Dispose();
            var rest = solve.StandardError.ReadToEndAsync();
            await solve.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));

            Assert.True(solve.ExitCode == 0, await rest + await output);
        }
        finally
        {
            if (!solve.HasExited)
            {
                solve.Kill(entireProcessTree: true);
            }
        }
    }

    private string Data => Path.Combine(_folder.FullName, "data");

    /// <summary>The real command line over this test's data directory, with one execution slot.</summary>
    private Process CommandLine(params string[] arguments) =>
        CliProcess.Start(Data, arguments, new Dictionary<string, string> { ["Execution__MaxConcurrentRuns"] = "1" });

    /// <summary>Reads lines until one ends with <paramref name="expected"/>; fails if the stream ends first.</summary>
    private static async Task ReadUntilAsync(StreamReader reader, string expected)
    {
        var seen = new List<string>();
        while (await reader.ReadLineAsync().WaitAsync(Patience) is { } line)
        {
            if (line.EndsWith(expected, StringComparison.Ordinal))
            {
                return;
            }
            seen.Add(line);
        }
        Assert.Fail($"'{expected}' never came; the process wrote:\n{string.Join("\n", seen)}");
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
