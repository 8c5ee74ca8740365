using System.Globalization;

namespace Linguacodus.Tests.Security;

/// <summary>The host's processes as /proc shows them: who runs as a user, who descends from a process.</summary>
internal static class ProcessTable
{
    /// <summary>An unused uid (no /etc/passwd entry), so a test's programs are the only processes counted against it.</summary>
    public static int PrivateUid()
    {
        var taken = File.ReadLines("/etc/passwd").Select(l => l.Split(':')).Where(f => f.Length > 2).Select(f => f[2]).ToHashSet();
        while (true)
        {
            var uid = Random.Shared.Next(61_000, 64_000);
            if (!taken.Contains(uid.ToString(CultureInfo.InvariantCulture)) && ProcessesOf(uid).Count == 0)
            {
                return uid;
            }
        }
    }

    /// <summary>Live processes whose real uid is <paramref name="uid"/>.</summary>
    public static List<int> ProcessesOf(int uid) => [.. Pids().Where(pid => RealUid(pid) == uid && Stat(pid) is { State: not 'Z' })];

    /// <summary>Every live descendant of <paramref name="root"/>, with its start time (so a reused pid is not mistaken for it).</summary>
    public static List<(int Pid, long Start, string Command)> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var pid in Pids())
        {
            if (Stat(pid) is { } stat)
            {
                parents[pid] = stat.Parent;
            }
        }
        var result = new List<(int, long, string)>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (child, _) in parents.Where(p => p.Value == parent))
            {
                if (Stat(child) is { } stat)
                {
                    result.Add((child, stat.Start, Command(child)));
                    frontier.Enqueue(child);
                }
            }
        }
        return result;
    }

    /// <summary>Whether the process that had this pid and start time still runs (a zombie counts as gone).</summary>
    public static bool IsAlive(int pid, long start) => Stat(pid) is { } stat && stat.Start == start && stat.State != 'Z';

    public static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, CultureInfo.InvariantCulture));

    private static int? RealUid(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return line is null ? null : int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (int Parent, long Start, char State)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command (field 2) is in parentheses and may hold spaces; the fields after it are plain.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture), fields[0][0]);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
