using Linguacodus.Core.Tasks;
using Linguacodus.Web.Components.Pages.NewTask;

namespace Linguacodus.Web.Intake;

/// <summary>
/// One file offered to the intake: the name and size its sender declares, and a way to read it at most so far.
/// A browser upload, a file on disk and a test's bytes all look alike here, so the intake needs no Blazor.
/// </summary>
/// <param name="Name">The sender's name for the file; never used as a path.</param>
/// <param name="Size">The size the sender declares; checked first, then counted again on the bytes really read.</param>
/// <param name="OpenRead">Opens the content; the argument is the most bytes the intake will read.</param>
/// <param name="Folder">
/// For a file of a chosen folder: the (sanitised) folder it sits in below the chosen one, such as train_images; null
/// when it sits at the top or the browser did not say.
/// </param>
public sealed record IntakeFile(string Name, long Size, Func<long, CancellationToken, Stream> OpenRead, string? Folder = null)
{
    /// <summary>
    /// The folder below the chosen one that <paramref name="relativePath"/> ("task/train_images/a.png", as the browser
    /// gives it) sits in, every segment sanitised; null for a file at the top, or when a segment has no usable name.
    /// </summary>
    public static string? FolderOf(string? relativePath)
    {
        var segments = (relativePath ?? "").Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3)
        {
            return null;
        }
        var folders = segments[1..^1].Select(UploadFileName.SanitiseSegment).ToList();
        // A folder named like a task file would stand where that file is saved.
        return folders.Any(f => f.Length == 0) || TaskLayout.IsTable(folders[0]) || folders[0].Equals(TaskFolder.TaskFileName, StringComparison.OrdinalIgnoreCase)
            ? null
            : string.Join('/', folders);
    }

    /// <summary>A file on disk, offered under <paramref name="name"/> (its own name by default).</summary>
    public static IntakeFile FromPath(string path, string? name = null)
    {
        var info = new FileInfo(path);
        return new(name ?? info.Name, info.Length, (_, _) => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true));
    }
}
