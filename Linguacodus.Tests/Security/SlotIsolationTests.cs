using Linguacodus.Core.Execution;
using Linguacodus.Tests.Inference.Llm;
using Microsoft.Extensions.Options;

namespace Linguacodus.Tests.Security;

/// <summary>Programs in different execution slots run as different users, so one run's process limit is not another's.</summary>
public sealed class SlotIsolationTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("linguacodus-slot-users-");

    [SlotUsersFact]
    public async Task ForkBombInOneSlot_ProgramInTheOtherSlot_RunsAsItsOwnUserAndStartsItsProcesses()
    {
        var options = Options.Create(new ExecutionOptions
        {
            MaxConcurrentRuns = 2,
            MaxProcesses = 64,
            WallSeconds = 120,
            SlotsDirectory = Path.Combine(_scratch.FullName, "slots"),
        });
        var sandbox = new BubblewrapSandbox(options, []);
        using var slots = new ExecutionSlots(options);
        var queued = new QueuedSandbox(sandbox, slots);
        var bombLines = new List<string>();
        var atLimit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopBomb = new CancellationTokenSource();

        // The bomb tells (once, from its first process) when a fork failed: it then holds every process its user may have.
        var bomb = RunAsync(queued, "bomb", """
            import os
            print('uid', os.getuid(), flush=True)
            first, told = os.getpid(), False
            while True:
                try:
                    os.fork()
                except OSError:
                    if os.getpid() == first and not told:
                        print('at the limit', flush=True)
                        told = True
            """, line =>
            {
                lock (bombLines)
                {
                    bombLines.Add(line.Text);
                }
                if (line.Text == "at the limit")
                {
                    atLimit.TrySetResult();
                }
            }, stopBomb.Token);
        await atLimit.Task.WaitAsync(Patience);
        var otherLines = new List<string>();
        var other = await RunAsync(queued, "other", """
            import os, subprocess
            print('uid', os.getuid())
            children = [subprocess.Popen(['/usr/bin/true']) for _ in range(20)]
            print('started', sum(child.wait() == 0 for child in children), 'processes')
            """, line => otherLines.Add(line.Text), CancellationToken.None);
        await stopBomb.CancelAsync();
        var bombResult = await bomb.WaitAsync(Patience);

        Assert.True(other.Succeeded, string.Join("\n", otherLines));
        Assert.Contains("started 20 processes", otherLines);
        Assert.Contains($"uid {sandbox.IdentityFor(0)!.Uid}", bombLines);
        Assert.Contains($"uid {sandbox.IdentityFor(1)!.Uid}", otherLines);
        Assert.NotEqual(sandbox.IdentityFor(0)!.Uid, sandbox.IdentityFor(1)!.Uid);
        Assert.True(bombResult.Stopped);
    }

    [RootFact]
    public void SlotUsers_Missing_FallBackToTheSharedUserAndSaySoOnce()
    {
        using var log = new ListLogger();
        // The slots' users would be "<uid>-1" and so on for a name; a name whose numbered users do not exist:
        var options = new ExecutionOptions { SandboxUser = ExecutionOptions.DefaultSandboxUser + "-1", MaxConcurrentRuns = 2 };

        var sandbox = new BubblewrapSandbox(Options.Create(options), [], log.CreateLogger("sandbox"));

        Assert.NotNull(sandbox.Identity);
        Assert.Equal(sandbox.Identity, sandbox.IdentityFor(0));
        Assert.Equal(sandbox.Identity, sandbox.IdentityFor(1));
        var warning = Assert.Single(log.Messages);
        Assert.StartsWith($"Warning: The sandbox users {options.SandboxUser}-1, {options.SandboxUser}-2 do not exist, so programs in those execution slots run as {options.SandboxUser}", warning);
    }

    [Fact]
    public void SlotUser_NameOrNumericSpec_NumberedNameOrNone()
    {
        Assert.Equal("linguacodus-sandbox-3", SandboxIdentity.SlotUser("linguacodus-sandbox", 2));
        Assert.Null(SandboxIdentity.SlotUser("61000", 0));
        Assert.Null(SandboxIdentity.SlotUser("61000:61000", 0));
    }

    private async Task<ExecutionResult> RunAsync(QueuedSandbox sandbox, string name, string code, Action<OutputLine> onOutput, CancellationToken cancellationToken)
    {
        var work = Directory.CreateDirectory(Path.Combine(_scratch.FullName, name)).FullName;
        var script = Path.Combine(work, "main.py");
        await File.WriteAllTextAsync(script, code, CancellationToken.None);
        return await sandbox.RunAsync(work, script, SandboxInputs.None, onOutput, cancellationToken);
    }

    public void Dispose() => _scratch.Delete(recursive: true);
}
