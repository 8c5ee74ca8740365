using System.IO.Compression;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>
/// The image files of one task zip: each is kept at its path inside the archive (from the folder that holds the
/// tables), every path segment sanitised, checked by its magic bytes, and counted against the archive's unpacked limit.
/// </summary>
internal sealed class ArchiveImages(string displayName, string directory, string tableFolder, UploadLimits limits)
{
    private const int ShownProblems = 5;

    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly List<string> _refused = [];
    private long _unpacked;

    /// <summary>Images kept so far.</summary>
    public int Saved => _taken.Count;

    /// <summary>Unpacks one image entry; false when the archive's limit is reached and nothing more should be unpacked.</summary>
    public async Task<bool> TakeAsync(ZipArchiveEntry entry, string path, TaskArchiveResult result, CancellationToken cancellationToken)
    {
        var relative = path.StartsWith(tableFolder, StringComparison.Ordinal) ? path[tableFolder.Length..] : path;
        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(UploadFileName.SanitiseSegment).ToList();
        if (segments.Count < 2 || segments.Any(s => s.Length == 0))
        {
            _refused.Add($"{entry.FullName} (an image must sit in a folder, such as train_images/)");
            return true;
        }
        var target = string.Join('/', segments);
        if (!_taken.Add(target))
        {
            _refused.Add($"{entry.FullName} (a second file saved as {target})");
            return true;
        }
        var file = Path.Combine(directory, Path.Combine([.. segments]));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var cap = Math.Min(limits.MaxFileBytes, limits.MaxArchiveBytes - _unpacked);
        var (written, tooLarge, refusal) = await TaskArchive.UnpackAsync(entry, file, cap, new ImageSniffer(entry.FullName), cancellationToken);
        _unpacked += written;
        if (tooLarge && cap < limits.MaxFileBytes)
        {
            _taken.Remove(target);
            result.Problems.Add($"'{displayName}' unpacks to more than {limits.MaxArchiveMegabytes:N0} MB; '{entry.FullName}' and the rest were not unpacked.");
            return false;
        }
        if (tooLarge || refusal is not null)
        {
            _taken.Remove(target);
            _refused.Add(refusal ?? $"{entry.FullName} (larger than {limits.MaxFileMegabytes:N0} MB)");
        }
        return true;
    }

    /// <summary>One line for the images kept and one for those refused, so 100,000 images do not bury the page in alerts.</summary>
    public void Summarise(TaskArchiveResult result)
    {
        if (Saved > 0)
        {
            var folders = _taken.Select(t => t[..t.IndexOf('/')]).Distinct().Order(StringComparer.Ordinal).ToList();
            result.Notes.Add($"{Saved:N0} image files from '{displayName}' were kept in {string.Join(", ", folders.Select(f => f + "/"))}.");
        }
        if (_refused.Count > 0)
        {
            var shown = string.Join("; ", _refused.Take(ShownProblems)) + (_refused.Count > ShownProblems ? $"; and {_refused.Count - ShownProblems:N0} more" : "");
            result.Problems.Add($"{_refused.Count:N0} image file(s) in '{displayName}' were not kept: {shown}.");
        }
    }
}
