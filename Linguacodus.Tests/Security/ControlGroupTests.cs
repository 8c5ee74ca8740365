using Linguacodus.Core.Execution;
using Microsoft.Extensions.Options;

namespace Linguacodus.Tests.Security;

/// <summary>
/// A program's control groups cap all its processes together: three children that each stay under the per-process
/// memory rlimit, but not together, are stopped with the memory limit named; without the groups the same program
/// runs to its end (the rlimit alone cannot see it).
/// </summary>
public sealed class ControlGroupTests : IDisposable
{
    private const int MemoryMegabytes = 600;

    // Each child holds 250 MB of written memory at the same time as the others: 750 MB in all.
    private const string ThreeLargeChildren = """
        import os, sys, time
        children = []
        for _ in range(3):
            pid = os.fork()
            if pid == 0:
                block = b"x" * (250 * 1024 * 1024)
                time.sleep(5)
                os._exit(0)
            children.append(pid)
        codes = [os.waitpid(pid, 0)[1] for pid in children]
        print("children ended with", codes)
        sys.exit(0 if all(code == 0 for code in codes) else 1)
        """;

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("linguacodus-cgroups-");

    [RootFact]
    public async Task ThreeChildrenOverTheMemoryLimitTogether_AreStoppedNamingIt_WhileTheRlimitAloneLetsThemRun()
    {
        var grouped = new BubblewrapSandbox(Options.Create(Limits("/sys/fs/cgroup")), []);
        Assert.True(grouped.HasControlGroups, "this host mounts the cgroup v1 memory and pids controllers");

        var capped = await RunAsync(grouped, "capped");
        var uncapped = await RunAsync(new BubblewrapSandbox(Options.Create(Limits("")), []), "uncapped");

        Assert.False(capped.Result.Succeeded, capped.Output);
        Assert.Contains($"memory limit of {MemoryMegabytes:N0} MB reached", capped.Result.LimitMessage, StringComparison.Ordinal);
        Assert.True(uncapped.Result.Succeeded, uncapped.Output);
    }

    [Fact]
    public void Create_WritesTheProgramsLimitsAndNamesBothGroupsToJoin()
    {
        var root = _scratch.CreateSubdirectory("root").FullName;
        foreach (var controller in new[] { "memory", "pids" })
        {
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(root, controller)).FullName, "cgroup.procs"), "");
        }
        Assert.True(ProgramCgroup.IsAvailable(root));

        using var group = ProgramCgroup.Create(root, Limits(root));

        var joins = group.JoinFiles.Split(' ');
        Assert.Equal(2, joins.Length);
        var memory = Path.GetDirectoryName(joins[0])!;
        var pids = Path.GetDirectoryName(joins[1])!;
        Assert.Equal($"{MemoryMegabytes * 1024L * 1024}", File.ReadAllText(Path.Combine(memory, "memory.limit_in_bytes")));
        Assert.Equal("64", File.ReadAllText(Path.Combine(pids, "pids.max")));
        Assert.StartsWith(Path.Combine(root, "memory", "linguacodus"), memory, StringComparison.Ordinal);
        Assert.False(ProgramCgroup.IsAvailable(_scratch.FullName), "a root without both controllers has no groups");
    }

    [Fact]
    public void RemoveAbandoned_EmptyGroupsOfAKilledApp_AreRemovedAndAGroupInUseStays()
    {
        var root = _scratch.CreateSubdirectory("abandoned").FullName;
        var empty = Directory.CreateDirectory(Path.Combine(root, "memory", "linguacodus", "killed")).FullName;
        var emptyPids = Directory.CreateDirectory(Path.Combine(root, "pids", "linguacodus", "killed")).FullName;
        // A folder with an entry cannot be removed, as the kernel refuses a group that still holds a process.
        var inUse = Directory.CreateDirectory(Path.Combine(root, "memory", "linguacodus", "running")).FullName;
        File.WriteAllText(Path.Combine(inUse, "cgroup.procs"), "4242");

        ProgramCgroup.RemoveAbandoned(root, minimumAge: TimeSpan.Zero);

        Assert.False(Directory.Exists(empty));
        Assert.False(Directory.Exists(emptyPids));
        Assert.True(Directory.Exists(inUse));
    }

    private static ExecutionOptions Limits(string cgroupRoot) =>
        new() { MemoryMegabytes = MemoryMegabytes, MaxProcesses = 64, WallSeconds = 120, CgroupRoot = cgroupRoot };

    private async Task<(ExecutionResult Result, string Output)> RunAsync(BubblewrapSandbox sandbox, string name)
    {
        var work = _scratch.CreateSubdirectory(name).FullName;
        var script = Path.Combine(work, "main.py");
        await File.WriteAllTextAsync(script, ThreeLargeChildren);
        var lines = new List<string>();
        var result = await sandbox.RunAsync(work, script, SandboxInputs.None, null, line => lines.Add(line.Text), CancellationToken.None);
        return (result, string.Join("\n", lines));
    }

    public void Dispose() => _scratch.Delete(recursive: true);
}
