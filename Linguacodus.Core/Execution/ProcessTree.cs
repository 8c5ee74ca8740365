using System.Globalization;

namespace Linguacodus.Core.Execution;

/// <summary>A process and its descendants as /proc shows them.</summary>
internal static class ProcessTree
{
    /// <summary>The direct children of <paramref name="pid"/>.</summary>
    public static List<int> Children(int pid)
    {
        var children = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    children.Add(int.Parse(child, CultureInfo.InvariantCulture));
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The process has exited.
        }
        return children;
    }

    /// <summary>
    /// Tasks (processes and their threads, what the kernel's process limit counts) of <paramref name="pid"/> and all its
    /// descendants. Detached programs in a sandbox stay descendants: its init process adopts them.
    /// </summary>
    public static int CountTasks(int pid)
    {
        var count = 0;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var current))
        {
            count += Threads(current);
            foreach (var child in Children(current))
            {
                pending.Push(child);
            }
        }
        return count;
    }

    private static int Threads(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task").Count();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
