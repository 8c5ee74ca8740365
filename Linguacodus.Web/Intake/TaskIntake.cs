using Linguacodus.Core.Tasks;
using Linguacodus.Web.Components.Pages.NewTask;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linguacodus.Web.Intake;

/// <summary>
/// Takes a task's data into an upload folder: chosen CSV files, a task folder's zip, or a whole folder (nested
/// folders flattened). Image files chosen one by one or in a folder go to one images/ folder. Otherwise only CSV tables are kept, each under a server-made name and streamed through the CSV sniffer;
/// sizes and counts are checked on what the sender declares first and on the bytes really read or unpacked after;
/// a task.json is read and handed back, never written. Works on streams and paths only, so it runs without a page.
/// </summary>
public sealed partial class TaskIntake(UploadLimits limits, ILogger<TaskIntake>? logger = null)
{
    /// <summary>More entries than any task folder has; a larger pick is most likely the wrong folder.</summary>
    public const int MaxFolderEntries = 1_000;

    /// <summary>Progress is reported at most once per this many bytes, so a large file does not flood the page with renders.</summary>
    private const long ProgressStep = 1024 * 1024;

    private const int BufferBytes = 81_920;

    private readonly ILogger _logger = logger ?? NullLogger<TaskIntake>.Instance;

    /// <summary>
    /// Chosen files, added to what <paramref name="directory"/> already holds: CSV tables are saved (same name
    /// replaces), a .zip is unpacked as a task folder, anything else is refused with the reason.
    /// </summary>
    public async Task<IntakeResult> TakeFilesAsync(string directory, IReadOnlyList<IntakeFile> files, IProgress<IntakeProgress>? progress, CancellationToken cancellationToken)
    {
        var result = new IntakeResult();
        // Checked before anything is read: the sender says how many files and how large each is.
        var room = limits.MaxFiles - Tables(directory).Count;
        var (images, others) = SplitImages(files);
        if (others.Count > room)
        {
            result.Problems.Add(room == limits.MaxFiles
                ? $"{others.Count} files were chosen; a task may have at most {limits.MaxFiles} files."
                : $"{others.Count} files were chosen, but this task has room for {Math.Max(0, room)} more (at most {limits.MaxFiles} files); remove some first.");
            return result;
        }
        if (!await TakeImagesAsync(directory, images, result, progress, cancellationToken))
        {
            return result;
        }
        foreach (var file in others)
        {
            await (file.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                ? TakeArchiveAsync(directory, file, result, progress, cancellationToken)
                : TakeTableAsync(directory, file, result, progress, cancellationToken));
        }
        return result;
    }

    /// <summary>
    /// A whole task folder, as the browser gives it (bare names): its CSV tables go through the same checks as chosen
    /// files, a second table of the same name is skipped, its task.json is read, and anything else is named in one note.
    /// </summary>
    public async Task<IntakeResult> TakeFolderAsync(string directory, IReadOnlyList<IntakeFile> files, IProgress<IntakeProgress>? progress, CancellationToken cancellationToken)
    {
        var result = new IntakeResult();
        var (images, others) = SplitImages(files);
        if (others.Count > MaxFolderEntries)
        {
            result.Problems.Add($"The folder holds {others.Count:N0} files; choose the task's own folder (at most {MaxFolderEntries:N0} files).");
            return result;
        }
        if (!await TakeImagesAsync(directory, images, result, progress, cancellationToken))
        {
            return result;
        }
        files = others;
        var tables = new List<IntakeFile>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        IntakeFile? taskJson = null;
        foreach (var file in files)
        {
            if (TaskArchive.IsSystemClutter(file.Name, file.Name))
            {
                continue;
            }
            if (file.Name.Equals(TaskFolder.TaskFileName, StringComparison.OrdinalIgnoreCase))
            {
                if (taskJson is null)
                {
                    taskJson = file;
                }
                else
                {
                    result.Notes.Add("The folder has more than one task.json; only the first was read.");
                }
                continue;
            }
            if (!TaskLayout.IsTable(file.Name))
            {
                ignored.Add(file.Name);
                continue;
            }
            var (name, problem) = UploadFileName.Resolve(file.Name);
            if (name is null)
            {
                result.Problems.Add(problem!);
            }
            else if (!names.Add(name))
            {
                result.Notes.Add($"A second '{file.Name}' in the folder was skipped: the folder already had a {name}.");
            }
            else
            {
                tables.Add(file);
            }
        }
        if (TaskArchive.IgnoredNote(ignored, "in the folder") is { } note)
        {
            result.Notes.Add(note);
        }
        var room = limits.MaxFiles - Tables(directory).Count(f => !names.Contains(f.Name));
        if (tables.Count > room)
        {
            result.Problems.Add($"The folder holds {tables.Count} CSV tables, but this task has room for {Math.Max(0, room)} more (at most {limits.MaxFiles} files).");
            return result;
        }
        if (tables.Count == 0 && taskJson is null && images.Count == 0)
        {
            result.Problems.Add("The folder holds no CSV tables.");
            return result;
        }
        if (taskJson is not null)
        {
            await ReadTaskJsonAsync(taskJson, "the folder", result, cancellationToken);
        }
        foreach (var file in tables)
        {
            await TakeTableAsync(directory, file, result, progress, cancellationToken);
        }
        return result;
    }

    /// <summary>
    /// A task table (the paper's format, one task a row) from the analyst's disk: checked like any CSV upload, read
    /// from a file in <paramref name="scratchDirectory"/>, which the caller removes. Returns the tasks, or why not.
    /// </summary>
    public async Task<(IReadOnlyList<MlTask> Tasks, string? Problem)> ReadTaskTableAsync(IntakeFile file, string scratchDirectory, CancellationToken cancellationToken)
    {
        if (file.Size > limits.MaxFileBytes)
        {
            return ([], $"'{file.Name}' is {FormatSize(file.Size)}; files may be at most {limits.MaxFileMegabytes:N0} MB.");
        }
        var path = Path.Combine(scratchDirectory, "tasks.csv");
        try
        {
            if (await CopyCheckedAsync(file, path, null, cancellationToken) is { } refusal)
            {
                return ([], refusal);
            }
            return (TaskTable.Load(path), null);
        }
        catch (TaskFolderException error)
        {
            return ([], $"'{file.Name}' cannot be used: {error.Problem}");
        }
        catch (Exception error) when (IsReadFailure(error, cancellationToken))
        {
            return ([], $"'{file.Name}' could not be uploaded: {error.Message}");
        }
    }

    /// <summary>The CSV tables an upload folder holds now.</summary>
    public static List<FileInfo> Tables(string directory) =>
        Directory.Exists(directory) ? [.. TaskLayout.TablesIn(directory).Select(f => new FileInfo(f))] : [];

    public static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024.0):0.#} MB",
    };

    private async Task TakeTableAsync(string directory, IntakeFile file, IntakeResult result, IProgress<IntakeProgress>? progress, CancellationToken cancellationToken)
    {
        var (name, problem) = UploadFileName.Resolve(file.Name);
        if (name is null)
        {
            result.Problems.Add(problem!);
            return;
        }
        if (file.Size > limits.MaxFileBytes)
        {
            result.Problems.Add($"'{file.Name}' is {FormatSize(file.Size)}; files may be at most {limits.MaxFileMegabytes:N0} MB.");
            return;
        }
        var others = Tables(directory).Where(f => f.Name != name).Sum(f => f.Length);
        if (others + file.Size > limits.MaxTotalBytes)
        {
            result.Problems.Add($"'{file.Name}' ({FormatSize(file.Size)}) would take this task's files past {limits.MaxTotalMegabytes:N0} MB in all.");
            return;
        }
        var target = Path.Combine(directory, name);
        // Not a .csv name until it is complete, so a half-read file is never listed or handed to a run.
        var partial = target + ".part";
        try
        {
            if (await CopyCheckedAsync(file, partial, progress, cancellationToken) is { } refusal)
            {
                File.Delete(partial);
                result.Problems.Add(refusal);
                return;
            }
            File.Move(partial, target, overwrite: true);
            result.Saved.Add(name);
            if (!name.Equals(file.Name, StringComparison.OrdinalIgnoreCase))
            {
                result.Notes.Add($"'{file.Name}' was saved as {name}.");
            }
        }
        catch (Exception error) when (IsReadFailure(error, cancellationToken))
        {
            File.Delete(partial);
            _logger.LogWarning(error, "Upload of {File} failed", name);
            result.Problems.Add($"'{file.Name}' could not be uploaded: {error.Message}");
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>A task folder's zip: stored whole first (the archive's directory sits at its end), then unpacked entry by entry.</summary>
    private async Task TakeArchiveAsync(string directory, IntakeFile file, IntakeResult result, IProgress<IntakeProgress>? progress, CancellationToken cancellationToken)
    {
        if (file.Size > limits.MaxArchiveBytes)
        {
            result.Problems.Add($"'{file.Name}' is {FormatSize(file.Size)}; an archive may be at most {limits.MaxArchiveMegabytes:N0} MB.");
            return;
        }
        // Not a .csv name, so it is never listed or handed to a run.
        var archive = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".zip.part");
        try
        {
            await using (var source = file.OpenRead(limits.MaxArchiveBytes, cancellationToken))
            await using (var destination = new FileStream(archive, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true))
            {
                if (await CopyAsync(file, source, destination, limits.MaxArchiveBytes, null, progress, cancellationToken) is not null)
                {
                    result.Problems.Add($"'{file.Name}' is larger than it said; an archive may be at most {limits.MaxArchiveMegabytes:N0} MB.");
                    return;
                }
            }
            var unpacked = await TaskArchive.ExtractAsync(archive, file.Name, directory, limits, cancellationToken);
            result.Saved.AddRange(unpacked.Saved);
            result.Problems.AddRange(unpacked.Problems);
            result.Notes.AddRange(unpacked.Notes);
            if (unpacked.Task is not null)
            {
                result.Tasks.Add(new(unpacked.Task, $"'{file.Name}'", unpacked.Hints));
            }
            if (unpacked.Saved.Count == 0 && unpacked.Problems.Count == 0)
            {
                result.Problems.Add($"'{file.Name}' holds no CSV tables.");
            }
        }
        catch (Exception error) when (IsReadFailure(error, cancellationToken))
        {
            _logger.LogWarning(error, "Upload of the archive {File} failed", file.Name);
            result.Problems.Add($"'{file.Name}' could not be uploaded: {error.Message}");
        }
        finally
        {
            // The page may have been closed meanwhile, its upload folder removed with the archive in it.
            if (File.Exists(archive))
            {
                File.Delete(archive);
            }
        }
    }

    private static async Task ReadTaskJsonAsync(IntakeFile file, string where, IntakeResult result, CancellationToken cancellationToken)
    {
        if (file.Size > TaskArchive.MaxTaskJsonBytes)
        {
            result.Notes.Add($"task.json in {where} is larger than {TaskArchive.MaxTaskJsonBytes / 1024} KB, so it was not read; fill in the form by hand.");
            return;
        }
        await using var source = file.OpenRead(TaskArchive.MaxTaskJsonBytes, cancellationToken);
        var (task, hints, problem) = await TaskArchive.ReadTaskAsync(source, cancellationToken);
        if (problem is not null)
        {
            result.Notes.Add(problem);
        }
        if (task is not null)
        {
            result.Tasks.Add(new(task, where, hints));
        }
    }

    /// <summary>Streams <paramref name="file"/> to <paramref name="path"/>, stopping as soon as its start shows it is no CSV table.</summary>
    private async Task<string?> CopyCheckedAsync(IntakeFile file, string path, IProgress<IntakeProgress>? progress, CancellationToken cancellationToken)
    {
        var sniffer = new UploadSniffer(file.Name);
        await using var source = file.OpenRead(limits.MaxFileBytes, cancellationToken);
        await using var destination = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true);
        return await CopyAsync(file, source, destination, limits.MaxFileBytes, sniffer, progress, cancellationToken) ?? sniffer.Finish();
    }

    /// <summary>Copies at most <paramref name="cap"/> bytes, counted as read whatever the sender declared; returns why it stopped early.</summary>
    private static async Task<string?> CopyAsync(IntakeFile file, Stream source, Stream destination, long cap, IUploadCheck? sniffer, IProgress<IntakeProgress>? progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferBytes];
        var taken = 0L;
        var reported = 0L;
        progress?.Report(new(file.Name, 0, file.Size));
        while (await source.ReadAsync(buffer, cancellationToken) is var read and > 0)
        {
            taken += read;
            if (taken > cap)
            {
                return $"'{file.Name}' is larger than it said; files may be at most {cap / (1024 * 1024):N0} MB.";
            }
            if (sniffer?.Add(buffer.AsSpan(0, read)) is { } refusal)
            {
                return refusal;
            }
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            if (taken - reported >= ProgressStep)
            {
                reported = taken;
                progress?.Report(new(file.Name, taken, file.Size));
            }
        }
        progress?.Report(new(file.Name, taken, file.Size));
        return null;
    }

    /// <summary>A read or write that failed on its own; a cancellation the caller asked for is not one and goes on up.</summary>
    private static bool IsReadFailure(Exception error, CancellationToken cancellationToken) =>
        error is IOException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
