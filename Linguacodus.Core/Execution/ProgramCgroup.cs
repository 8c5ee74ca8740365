using System.Globalization;

namespace Linguacodus.Core.Execution;

/// <summary>
/// The control groups of one sandboxed program (cgroup v1 memory and pids controllers, where the host mounts them and
/// the app is root): all of the program's processes together may hold at most <see cref="ExecutionOptions.MemoryMegabytes"/>
/// of memory (its private /tmp and /dev/shm included, no swap) and <see cref="ExecutionOptions.MaxProcesses"/> tasks.
/// The rlimits stay as the floor: they cap each process, these cap the program as a whole, so a program that forks
/// many large processes cannot take the machine's memory. Created before the program starts, removed after it ends.
/// </summary>
internal sealed class ProgramCgroup : IDisposable
{
    private const string Group = "linguacodus";
    private readonly string _memory;
    private readonly string _pids;

    private ProgramCgroup(string memory, string pids)
    {
        _memory = memory;
        _pids = pids;
    }

    /// <summary>The files the sandbox's first process writes its own pid to, space-separated, so all it starts is in both groups.</summary>
    public string JoinFiles => $"{Path.Combine(_memory, "cgroup.procs")} {Path.Combine(_pids, "cgroup.procs")}";

    /// <summary>How many of the program's processes the kernel killed for going over the memory limit.</summary>
    public long OutOfMemoryKills
    {
        get
        {
            try
            {
                var line = File.ReadLines(Path.Combine(_memory, "memory.oom_control")).FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal));
                return line is null ? 0 : long.Parse(line["oom_kill ".Length..], CultureInfo.InvariantCulture);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
            {
                return 0;
            }
        }
    }

    /// <summary>Whether <paramref name="root"/> has both v1 controllers this needs (a cgroup v2-only host has neither).</summary>
    public static bool IsAvailable(string root) =>
        root.Length > 0 && File.Exists(Path.Combine(root, "memory", "cgroup.procs")) && File.Exists(Path.Combine(root, "pids", "cgroup.procs"));

    /// <summary>
    /// Removes the empty groups a killed app could not remove. Only those older than a minute: a younger empty one may
    /// belong to a program another process is starting right now, which joins it a moment after making it.
    /// </summary>
    public static void RemoveAbandoned(string root, TimeSpan? minimumAge = null)
    {
        var before = DateTime.UtcNow - (minimumAge ?? TimeSpan.FromMinutes(1));
        foreach (var controller in new[] { "memory", "pids" })
        {
            var parent = new DirectoryInfo(Path.Combine(root, controller, Group));
            if (!parent.Exists)
            {
                continue;
            }
            foreach (var group in parent.EnumerateDirectories().Where(g => g.CreationTimeUtc < before))
            {
                try
                {
                    // The kernel refuses a group that still holds a process.
                    group.Delete();
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    // In use, or gone already.
                }
            }
        }
    }

    /// <summary>A new pair of groups with the program's limits; an error when the host refuses them (the program then must not run unguarded).</summary>
    /// <exception cref="IOException">The groups cannot be made or limited.</exception>
    public static ProgramCgroup Create(string root, ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = Guid.NewGuid().ToString("N");
        var group = new ProgramCgroup(
            Directory.CreateDirectory(Path.Combine(root, "memory", Group, name)).FullName,
            Directory.CreateDirectory(Path.Combine(root, "pids", Group, name)).FullName);
        try
        {
            var bytes = ((long)options.MemoryMegabytes * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(group._memory, "memory.limit_in_bytes"), bytes);
            // Memory plus swap at the same figure: no swap, so the limit is what the program really holds.
            var swap = Path.Combine(group._memory, "memory.memsw.limit_in_bytes");
            if (File.Exists(swap))
            {
                File.WriteAllText(swap, bytes);
            }
            File.WriteAllText(Path.Combine(group._pids, "pids.max"), options.MaxProcesses.ToString(CultureInfo.InvariantCulture));
            return group;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            group.Dispose();
            throw new IOException($"The program's control groups could not be limited: {error.Message}", error);
        }
    }

    /// <summary>Removes both groups; the kernel refuses while a process is still in one, which leaves an empty group behind at worst.</summary>
    public void Dispose()
    {
        foreach (var folder in new[] { _memory, _pids })
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Its last process is still being reaped; an empty group costs nothing.
            }
        }
    }
}
