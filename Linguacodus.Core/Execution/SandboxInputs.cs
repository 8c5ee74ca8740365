namespace Linguacodus.Core.Execution;

/// <summary>
/// The task's data a program reads in place: entries (files or folders) of <paramref name="Directory"/>, bound
/// read-only into the program's working folder under their own names, so no byte is copied and the program cannot
/// change them.
/// </summary>
public sealed record SandboxInputs(string Directory, IReadOnlyList<string> Names)
{
    /// <summary>No data: a program that reads nothing but its own folder.</summary>
    public static SandboxInputs None { get; } = new("", []);

    /// <summary>
    /// Why these inputs cannot be bound next to <paramref name="work"/>: a name that is not a plain entry of the
    /// folder, a link, or a data folder that overlaps the working folder (whose
    /// placeholders are removed after the run). Null when they can.
    /// </summary>
    internal string? Problem(string work)
    {
        if (Names.Count == 0)
        {
            return null;
        }
        var data = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Directory));
        var job = Path.TrimEndingDirectorySeparator(Path.GetFullPath(work));
        if (data == job || data.StartsWith(job + "/", StringComparison.Ordinal) || job.StartsWith(data + "/", StringComparison.Ordinal))
        {
            return $"The task's data folder {data} and the working folder {job} must not hold one another.";
        }
        if (Names.Distinct(StringComparer.Ordinal).Count() != Names.Count)
        {
            return "A data entry is named twice.";
        }
        foreach (var name in Names)
        {
            if (name.Length == 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            {
                return $"'{name}' is not the name of an entry of the task's data folder.";
            }
            // Bubblewrap follows links; a data entry is the folder's own file or folder, never a way out of it.
            FileSystemInfo entry = new DirectoryInfo(Path.Combine(data, name)) is { Exists: true } folder ? folder : new FileInfo(Path.Combine(data, name));
            if (!entry.Exists || entry.LinkTarget is not null)
            {
                return $"{name} in the task's data folder is missing or a link.";
            }
        }
        return null;
    }
}
