using System.IO.Compression;
using System.Text.Json;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>
/// Unpacks a task folder's zip into an upload folder: its CSV tables, each under the same name rules, checks and
/// limits as a single upload, its image folders with their paths (each image checked by its magic bytes), and its
/// task.json as a task to fill the form with. Sizes are counted on the bytes that
/// really come out of the archive, never on what its headers claim, so a zip bomb stops at the limit.
/// </summary>
internal static class TaskArchive
{
    /// <summary>A task description is a few kilobytes; anything far larger is not one.</summary>
    public const int MaxTaskJsonBytes = 256 * 1024;

    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymlink = 0xA000;

    /// <summary>Unpacks <paramref name="zipPath"/> into <paramref name="directory"/>, which may already hold files of the task.</summary>
    public static async Task<TaskArchiveResult> ExtractAsync(string zipPath, string displayName, string directory, UploadLimits limits, CancellationToken cancellationToken)
    {
        var result = new TaskArchiveResult();
        long? declared;
        using (var file = File.OpenRead(zipPath))
        {
            declared = ZipEntryCount.Read(file);
        }
        if (declared > limits.MaxArchiveEntries)
        {
            result.Problems.Add($"'{displayName}' lists {declared:N0} entries; a task folder's zip may have at most {limits.MaxArchiveEntries:N0}.");
            return result;
        }
        using var archive = declared is null ? null : TryOpen(zipPath);
        if (archive is null)
        {
            result.Problems.Add($"'{displayName}' is not a zip archive that can be read.");
            return result;
        }
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        // Every byte unpacked counts, kept or refused, so a bomb of many entries cannot make the server work on and on.
        var unpacked = 0L;
        var images = new ArchiveImages(displayName, directory, TableFolder(archive), limits);
        foreach (var entry in archive.Entries)
        {
            var path = entry.FullName.Replace('\\', '/');
            var fileName = path.Split('/')[^1];
            if (fileName.Length == 0 || IsSystemClutter(path, fileName))
            {
                continue;
            }
            if (path.StartsWith('/') || (path.Length > 1 && path[1] == ':') || path.Split('/').Contains(".."))
            {
                result.Notes.Add($"'{entry.FullName}' in '{displayName}' was skipped: its path points outside the archive.");
                continue;
            }
            if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymlink)
            {
                result.Notes.Add($"'{entry.FullName}' in '{displayName}' was skipped: it is a symbolic link.");
                continue;
            }
            if (fileName.Equals(TaskFolder.TaskFileName, StringComparison.OrdinalIgnoreCase))
            {
                if (!taken.Add(TaskFolder.TaskFileName))
                {
                    result.Notes.Add($"'{entry.FullName}' in '{displayName}' was skipped: the archive already had a task.json.");
                    continue;
                }
                try
                {
                    await using var json = entry.Open();
                    var (task, hints, problem) = await ReadTaskAsync(json, cancellationToken);
                    result.Task = task;
                    result.Hints = hints;
                    if (problem is not null)
                    {
                        result.Notes.Add(problem);
                    }
                }
                catch (Exception error) when (error is InvalidDataException or NotSupportedException)
                {
                    result.Notes.Add($"'{entry.FullName}' could not be unpacked ({error.Message}), so the form was left as it is.");
                }
                continue;
            }
            if (TaskLayout.ImageExtensions.Contains(Path.GetExtension(fileName)))
            {
                // Images count against the archive's own limit, not the tables' (a task's images far outweigh its tables).
                if (!await images.TakeAsync(entry, path, result, cancellationToken))
                {
                    break;
                }
                continue;
            }
            if (!TaskLayout.IsTable(fileName))
            {
                ignored.Add(fileName);
                continue;
            }
            var (name, refusal) = UploadFileName.Resolve(fileName);
            if (name is null)
            {
                result.Problems.Add(refusal!);
                continue;
            }
            if (!taken.Add(name))
            {
                result.Notes.Add($"'{entry.FullName}' in '{displayName}' was skipped: the archive already had a {name}.");
                continue;
            }

            var others = TaskLayout.TablesIn(directory).Where(f => Path.GetFileName(f) != name).Select(f => new FileInfo(f)).ToList();
            if (others.Count + 1 > limits.MaxFiles)
            {
                result.Problems.Add($"'{displayName}' holds more tables than fit: a task may have at most {limits.MaxFiles} files; '{entry.FullName}' and the rest were not unpacked.");
                break;
            }
            var roomInTask = limits.MaxTotalBytes - others.Sum(f => f.Length);
            var roomInArchive = limits.MaxTotalBytes - unpacked;
            var cap = Math.Min(limits.MaxFileBytes, Math.Min(roomInTask, roomInArchive));
            var (written, tooLarge, sniffed) = await UnpackAsync(entry, Path.Combine(directory, name), cap, cancellationToken);
            unpacked += written;
            if (tooLarge)
            {
                if (cap == limits.MaxFileBytes)
                {
                    result.Problems.Add($"'{entry.FullName}' in '{displayName}' unpacks to more than {limits.MaxFileMegabytes:N0} MB; files may be at most {limits.MaxFileMegabytes:N0} MB.");
                    continue;
                }
                result.Problems.Add($"'{entry.FullName}' in '{displayName}' would take this task's files past {limits.MaxTotalMegabytes:N0} MB in all; it and the rest were not unpacked.");
                break;
            }
            if (sniffed is not null)
            {
                result.Problems.Add(sniffed);
                continue;
            }
            result.Saved.Add(name);
            if (!name.Equals(fileName, StringComparison.OrdinalIgnoreCase))
            {
                result.Notes.Add($"'{entry.FullName}' was saved as {name}.");
            }
        }
        images.Summarise(result);
        if (IgnoredNote(ignored, $"in '{displayName}'") is { } note)
        {
            result.Notes.Add(note);
        }
        return result;
    }

    /// <summary>One note for all the files that are not tables, so a folder of many does not bury the page in alerts.</summary>
    public static string? IgnoredNote(IReadOnlyList<string> names, string where)
    {
        const int Shown = 5;
        if (names.Count == 0)
        {
            return null;
        }
        var list = string.Join(", ", names.Take(Shown)) + (names.Count > Shown ? $" and {names.Count - Shown} more" : "");
        return names.Count == 1
            ? $"1 file {where} is not a CSV table and was left out: {list}."
            : $"{names.Count} files {where} are not CSV tables and were left out: {list}.";
    }

    /// <summary>Reads a task.json (at most <see cref="MaxTaskJsonBytes"/>); missing fields come back empty.</summary>
    public static async Task<(MlTask? Task, TaskHints Hints, string? Problem)> ReadTaskAsync(Stream source, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxTaskJsonBytes + 1];
        var length = 0;
        while (length < buffer.Length && await source.ReadAsync(buffer.AsMemory(length), cancellationToken) is var read and > 0)
        {
            length += read;
        }
        if (length > MaxTaskJsonBytes)
        {
            return (null, TaskHints.None, $"task.json is larger than {MaxTaskJsonBytes / 1024} KB, so it was not read; fill in the form by hand.");
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, TaskHints.None, "task.json does not hold an object with the task's fields, so it was not used.");
            }
            string Field(string name) =>
                document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
            var task = new MlTask(Field("title"), Field("task"), Field("data_type"), Field("metrics"), Field("data_card"), Field("submission"));
            try
            {
                return (task, TaskHints.Read(document.RootElement), null);
            }
            catch (TaskFolderException error)
            {
                return (task, TaskHints.None, $"{error.Message}; its roles, targets and positive class were not used.");
            }
        }
        catch (JsonException)
        {
            return (null, TaskHints.None, "task.json is not valid JSON, so it was not used; fill in the form by hand.");
        }
    }

    /// <summary>Copies at most <paramref name="cap"/> unpacked bytes through the CSV sniffer; the file exists only if all went well.</summary>
    public static async Task<(long Written, bool TooLarge, string? Refusal)> UnpackAsync(ZipArchiveEntry entry, string target, long cap, CancellationToken cancellationToken) =>
        await UnpackAsync(entry, target, cap, new UploadSniffer(entry.FullName), cancellationToken);

    /// <summary>Copies at most <paramref name="cap"/> unpacked bytes through a check; the file exists only if all went well.</summary>
    public static async Task<(long Written, bool TooLarge, string? Refusal)> UnpackAsync(ZipArchiveEntry entry, string target, long cap, IUploadCheck sniffer, CancellationToken cancellationToken)
    {
        var partial = target + ".part";
        var buffer = new byte[81_920];
        var written = 0L;
        string? refusal = null;
        var tooLarge = false;
        try
        {
            await using (var source = entry.Open())
            await using (var destination = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, buffer.Length, useAsync: true))
            {
                while (await source.ReadAsync(buffer, cancellationToken) is var read and > 0)
                {
                    if (written + read > cap)
                    {
                        written += read;
                        tooLarge = true;
                        break;
                    }
                    written += read;
                    if (sniffer.Add(buffer.AsSpan(0, read)) is { } early)
                    {
                        refusal = early;
                        break;
                    }
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                refusal ??= tooLarge ? null : sniffer.Finish();
            }
            if (tooLarge || refusal is not null)
            {
                File.Delete(partial);
                return (written, tooLarge, refusal);
            }
            File.Move(partial, target, overwrite: true);
            return (written, false, null);
        }
        catch (Exception error) when (error is InvalidDataException or NotSupportedException)
        {
            // A damaged entry, or one encrypted or packed with a method .NET cannot unpack.
            File.Delete(partial);
            return (written, false, $"'{entry.FullName}' could not be unpacked: {error.Message}");
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Where the tables sit in the archive ("" or "task-name/"): image folders beside them keep their path from there.</summary>
    private static string TableFolder(ZipArchive archive) =>
        archive.Entries.Select(e => e.FullName.Replace('\\', '/'))
            .Where(p => TaskLayout.IsTable(p.Split('/')[^1]) && !IsSystemClutter(p, p.Split('/')[^1]))
            .Select(p => p[..(p.LastIndexOf('/') + 1)])
            .OrderBy(p => p.Length)
            .FirstOrDefault() ?? "";

    private static ZipArchive? TryOpen(string path)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Files an operating system adds to archives by itself (macOS resource forks, Finder and Explorer metadata).</summary>
    public static bool IsSystemClutter(string path, string fileName) =>
        path.StartsWith("__MACOSX/", StringComparison.Ordinal) || fileName.StartsWith("._", StringComparison.Ordinal)
        || fileName is ".DS_Store" or "Thumbs.db" or "desktop.ini";
}
