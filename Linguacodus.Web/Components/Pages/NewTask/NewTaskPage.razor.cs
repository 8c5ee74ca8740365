using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>
/// The new-task form. Uploads stream straight to a server-named folder; an example's files are copied into a fresh
/// folder only when the run starts, so the shipped examples are never written to.
/// </summary>
public sealed partial class NewTaskPage : IDisposable
{
    private readonly TaskDraft _draft = new();
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<(string Name, TaskFolder Folder)> _examples = [];
    private Dictionary<string, string> _fieldErrors = [];
    private List<string> _uploadProblems = [];
    private List<string> _uploadNotes = [];
    private string? _catalogProblem;
    private string? _exampleName;
    private string? _exampleDirectory;
    private string? _uploadDirectory;
    private string? _uploadingName;
    private string? _error;
    private bool _uploading;
    private bool _starting;
    private IReadOnlyList<MlTask> _tableTasks = [];
    private string? _tableSource;
    private string? _tableProblem;
    private int? _tableRow;
    private string? _paperTasksPath;

    [Inject]
    private RunService Runs { get; set; } = default!;

    [Inject]
    private IOptions<UploadLimits> UploadOptions { get; set; } = default!;

    [Inject]
    private RunFolders Folders { get; set; } = default!;

    [Inject]
    private ExampleCatalog Catalog { get; set; } = default!;

    [Inject]
    private LinguacodusOptions Options { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<NewTaskPage> Logger { get; set; } = default!;

    /// <summary>The paper's own task table, shipped beside the examples.</summary>
    public const string PaperTasksFileName = "paper-tasks.csv";

    /// <summary>More entries than any task folder has; a larger pick is most likely the wrong folder.</summary>
    public const int MaxFolderEntries = 1_000;

    private static string MetricHelp { get; } = string.Join(", ", Metric.SupportedNames);

    private UploadLimits Limits => UploadOptions.Value;

    /// <summary>The files the run will get: the example's, or the ones uploaded so far.</summary>
    private List<FileInfo> DataFiles
    {
        get
        {
            var directory = _exampleDirectory ?? _uploadDirectory;
            return directory is null || !Directory.Exists(directory)
                ? []
                : [.. new DirectoryInfo(directory).EnumerateFiles("*.csv").OrderBy(f => DataFileOrder(f.Name)).ThenBy(f => f.Name, StringComparer.Ordinal)];
        }
    }

    protected override void OnInitialized()
    {
        try
        {
            _examples = Catalog.List();
        }
        catch (TaskFolderException error)
        {
            _catalogProblem = $"The examples could not be loaded ({error.Message}); you can still enter a task by hand.";
        }
        var paperTasks = Path.Combine(Options.ResolvedExamplesDirectory, PaperTasksFileName);
        _paperTasksPath = File.Exists(paperTasks) ? paperTasks : null;
    }

    private bool HasError(string field) => _fieldErrors.ContainsKey(field);

    private string? ErrorFor(string field) => _fieldErrors.GetValueOrDefault(field);

    private void PickExample(string name, TaskFolder folder)
    {
        _draft.Fill(folder.Task);
        _exampleName = name;
        _exampleDirectory = folder.Directory;
        DiscardUploads();
        _fieldErrors = [];
        _uploadProblems = [];
        _uploadNotes = [];
        _error = null;
    }

    private void ClearExampleData()
    {
        _exampleName = null;
        _exampleDirectory = null;
    }

    private async Task UploadAsync(InputFileChangeEventArgs args)
    {
        _uploadProblems = [];
        _uploadNotes = [];
        _error = null;
        // Checked before anything is read: the browser says how many files and how large each is.
        var room = Limits.MaxFiles - (_exampleName is null ? DataFiles.Count : 0);
        if (args.FileCount > room)
        {
            _uploadProblems.Add(room == Limits.MaxFiles
                ? $"{args.FileCount} files were chosen; a task may have at most {Limits.MaxFiles} files."
                : $"{args.FileCount} files were chosen, but this task has room for {Math.Max(0, room)} more (at most {Limits.MaxFiles} files); remove some first.");
            return;
        }
        _uploading = true;
        try
        {
            foreach (var file in args.GetMultipleFiles(Limits.MaxFiles))
            {
                await (file.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? SaveArchiveAsync(file) : SaveAsync(file));
            }
        }
        finally
        {
            _uploading = false;
            _uploadingName = null;
        }
    }

    private async Task SaveAsync(IBrowserFile file)
    {
        var (name, problem) = UploadFileName.Resolve(file.Name);
        if (name is null)
        {
            _uploadProblems.Add(problem!);
            return;
        }
        if (file.Size > Limits.MaxFileBytes)
        {
            _uploadProblems.Add($"'{file.Name}' is {FormatSize(file.Size)}; files may be at most {Limits.MaxFileMegabytes:N0} MB.");
            return;
        }
        var others = _exampleName is null ? DataFiles.Where(f => f.Name != name).Sum(f => f.Length) : 0;
        if (others + file.Size > Limits.MaxTotalBytes)
        {
            _uploadProblems.Add($"'{file.Name}' ({FormatSize(file.Size)}) would take this task's files past {Limits.MaxTotalMegabytes:N0} MB in all.");
            return;
        }
        // Uploading switches the data source to the analyst's own files.
        ClearExampleData();
        _uploadDirectory ??= Folders.NewUpload();
        var target = Path.Combine(_uploadDirectory, name);
        var partial = target + ".part";
        _uploadingName = file.Name;
        StateHasChanged();
        try
        {
            var refusal = await CopyCheckedAsync(file, partial);
            if (refusal is not null)
            {
                File.Delete(partial);
                _uploadProblems.Add(refusal);
                return;
            }
            File.Move(partial, target, overwrite: true);
            if (!name.Equals(file.Name, StringComparison.OrdinalIgnoreCase))
            {
                _uploadNotes.Add($"'{file.Name}' was saved as {name}.");
            }
        }
        catch (Exception error) when (error is IOException or OperationCanceledException)
        {
            File.Delete(partial);
            if (!_disposed.IsCancellationRequested)
            {
                Logger.LogWarning(error, "Upload of {File} failed", name);
                _uploadProblems.Add($"'{file.Name}' could not be uploaded: {error.Message}");
            }
        }
    }

    /// <summary>
    /// A whole task folder, nested folders flattened (the browser gives bare names): its CSV tables go through the same
    /// checks as single uploads, its task.json fills the empty fields, and anything else is named in one note.
    /// </summary>
    private async Task UploadFolderAsync(InputFileChangeEventArgs args)
    {
        _uploadProblems = [];
        _uploadNotes = [];
        _error = null;
        if (args.FileCount > MaxFolderEntries)
        {
            _uploadProblems.Add($"The folder holds {args.FileCount:N0} files; choose the task's own folder (at most {MaxFolderEntries:N0} files).");
            return;
        }
        var tables = new List<IBrowserFile>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        IBrowserFile? taskJson = null;
        foreach (var file in args.GetMultipleFiles(MaxFolderEntries))
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
                    _uploadNotes.Add("The folder has more than one task.json; only the first was read.");
                }
                continue;
            }
            if (!file.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                ignored.Add(file.Name);
                continue;
            }
            var (name, problem) = UploadFileName.Resolve(file.Name);
            if (name is null)
            {
                _uploadProblems.Add(problem!);
            }
            else if (!names.Add(name))
            {
                _uploadNotes.Add($"A second '{file.Name}' in the folder was skipped: the folder already had a {name}.");
            }
            else
            {
                tables.Add(file);
            }
        }
        if (TaskArchive.IgnoredNote(ignored, "in the folder") is { } note)
        {
            _uploadNotes.Add(note);
        }
        var room = Limits.MaxFiles - (_exampleName is null ? DataFiles.Count(f => !names.Contains(f.Name)) : 0);
        if (tables.Count > room)
        {
            _uploadProblems.Add($"The folder holds {tables.Count} CSV tables, but this task has room for {Math.Max(0, room)} more (at most {Limits.MaxFiles} files).");
            return;
        }
        if (tables.Count == 0 && taskJson is null)
        {
            _uploadProblems.Add("The folder holds no CSV tables.");
            return;
        }
        _uploading = true;
        try
        {
            if (taskJson is not null)
            {
                await FillFromTaskJsonAsync(taskJson, "the folder");
            }
            foreach (var file in tables)
            {
                await SaveAsync(file);
            }
        }
        finally
        {
            _uploading = false;
            _uploadingName = null;
        }
    }

    private async Task FillFromTaskJsonAsync(IBrowserFile file, string where)
    {
        if (file.Size > TaskArchive.MaxTaskJsonBytes)
        {
            _uploadNotes.Add($"task.json in {where} is larger than {TaskArchive.MaxTaskJsonBytes / 1024} KB, so it was not read; fill in the form by hand.");
            return;
        }
        await using var source = file.OpenReadStream(TaskArchive.MaxTaskJsonBytes, _disposed.Token);
        var (task, problem) = await TaskArchive.ReadTaskAsync(source, _disposed.Token);
        FillFrom(task, problem, where);
    }

    private void FillFrom(MlTask? task, string? problem, string where)
    {
        if (problem is not null)
        {
            _uploadNotes.Add(problem);
        }
        if (task is not null && _draft.FillEmpty(task) is var filled and > 0)
        {
            _uploadNotes.Add($"{filled} empty {(filled == 1 ? "field was" : "fields were")} filled from task.json in {where}.");
        }
    }

    /// <summary>A task folder's zip: stored whole first (the archive's directory sits at its end), then unpacked entry by entry.</summary>
    private async Task SaveArchiveAsync(IBrowserFile file)
    {
        if (file.Size > Limits.MaxTotalBytes)
        {
            _uploadProblems.Add($"'{file.Name}' is {FormatSize(file.Size)}; an archive may be at most {Limits.MaxTotalMegabytes:N0} MB.");
            return;
        }
        ClearExampleData();
        _uploadDirectory ??= Folders.NewUpload();
        // Not a .csv name, so it is never listed or handed to a run.
        var archive = Path.Combine(_uploadDirectory, Guid.NewGuid().ToString("N") + ".zip.part");
        _uploadingName = file.Name;
        StateHasChanged();
        try
        {
            await using (var source = file.OpenReadStream(Limits.MaxTotalBytes, _disposed.Token))
            await using (var destination = new FileStream(archive, FileMode.Create, FileAccess.Write, FileShare.None, 81_920, useAsync: true))
            {
                await source.CopyToAsync(destination, _disposed.Token);
            }
            var result = await TaskArchive.ExtractAsync(archive, file.Name, _uploadDirectory, Limits, _disposed.Token);
            _uploadProblems.AddRange(result.Problems);
            _uploadNotes.AddRange(result.Notes);
            FillFrom(result.Task, null, $"'{file.Name}'");
            if (result.Saved.Count == 0 && result.Problems.Count == 0)
            {
                _uploadProblems.Add($"'{file.Name}' holds no CSV tables.");
            }
        }
        catch (Exception error) when (error is IOException or OperationCanceledException)
        {
            if (!_disposed.IsCancellationRequested)
            {
                Logger.LogWarning(error, "Upload of the archive {File} failed", file.Name);
                _uploadProblems.Add($"'{file.Name}' could not be uploaded: {error.Message}");
            }
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

    private void ShowPaperTasks()
    {
        if (_paperTasksPath is not null)
        {
            LoadTable(_paperTasksPath, "the paper's tasks");
        }
    }

    /// <summary>A task table from the analyst's disk: checked like any CSV upload, read, then thrown away.</summary>
    private async Task ImportTableAsync(InputFileChangeEventArgs args)
    {
        _tableProblem = null;
        var file = args.File;
        if (file.Size > Limits.MaxFileBytes)
        {
            _tableProblem = $"'{file.Name}' is {FormatSize(file.Size)}; files may be at most {Limits.MaxFileMegabytes:N0} MB.";
            return;
        }
        var directory = Folders.NewUpload();
        try
        {
            var path = Path.Combine(directory, "tasks.csv");
            if (await CopyCheckedAsync(file, path) is { } refusal)
            {
                _tableProblem = refusal;
                return;
            }
            LoadTable(path, $"'{file.Name}'");
        }
        catch (Exception error) when (error is IOException or OperationCanceledException)
        {
            if (!_disposed.IsCancellationRequested)
            {
                _tableProblem = $"'{file.Name}' could not be uploaded: {error.Message}";
            }
        }
        finally
        {
            TryDelete(directory);
        }
    }

    private void LoadTable(string path, string source)
    {
        try
        {
            _tableTasks = TaskTable.Load(path);
            _tableSource = source;
            _tableRow = null;
            _tableProblem = null;
        }
        catch (TaskFolderException error)
        {
            _tableProblem = $"{char.ToUpperInvariant(source[0])}{source[1..]} cannot be used: {error.Problem}";
        }
    }

    /// <summary>A row of the table becomes the task; an example's data belongs to the example, so it is let go.</summary>
    private void PickTableRow(int index)
    {
        _draft.Fill(_tableTasks[index]);
        _tableRow = index;
        _fieldErrors = [];
        _error = null;
        if (_exampleName is not null)
        {
            ClearExampleData();
        }
    }

    private void CloseTable()
    {
        _tableTasks = [];
        _tableSource = null;
        _tableRow = null;
    }

    /// <summary>Streams the upload to <paramref name="path"/>, stopping as soon as its start shows it is no CSV table.</summary>
    private async Task<string?> CopyCheckedAsync(IBrowserFile file, string path)
    {
        var sniffer = new UploadSniffer(file.Name);
        var buffer = new byte[81_920];
        await using var source = file.OpenReadStream(Limits.MaxFileBytes, _disposed.Token);
        await using var destination = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, buffer.Length, useAsync: true);
        while (await source.ReadAsync(buffer, _disposed.Token) is var read and > 0)
        {
            if (sniffer.Add(buffer.AsSpan(0, read)) is { } refusal)
            {
                return refusal;
            }
            await destination.WriteAsync(buffer.AsMemory(0, read), _disposed.Token);
        }
        return sniffer.Finish();
    }

    private void RemoveUpload(string name)
    {
        if (_uploadDirectory is not null && DataFiles.Any(f => f.Name == name))
        {
            File.Delete(Path.Combine(_uploadDirectory, name));
        }
    }

    private async Task StartAsync()
    {
        _error = null;
        _fieldErrors = _draft.Check();
        var files = DataFiles.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var missing = new[] { TaskFolder.TrainFileName, TaskFolder.TestFileName }.Where(f => !files.Contains(f)).ToList();
        if (_fieldErrors.Count > 0)
        {
            _error = "Some fields need attention: " + string.Join(" ", _fieldErrors.Values);
            return;
        }
        if (missing.Count > 0)
        {
            _error = $"Upload {string.Join(" and ", missing)} (sample_submission.csv is optional), or start from an example.";
            return;
        }

        _starting = true;
        string? copied = null;
        try
        {
            var directory = _exampleDirectory is { } example ? copied = CopyExample(example) : _uploadDirectory!;
            TaskFolder.Create(directory, _draft.ToTask());
            var target = string.IsNullOrWhiteSpace(_draft.Target) ? null : _draft.Target.Trim();
            var id = await Runs.StartAsync(directory, target);
            // The run keeps its own copy of the data, so the staging folder has done its job.
            TryDelete(directory);
            _uploadDirectory = null;
            Navigation.NavigateTo($"runs/{id}");
        }
        catch (TaskFolderException error)
        {
            _error = $"The task cannot start: {error.Message}";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Logger.LogError(error, "Starting a run failed");
            _error = $"The task cannot start: {error.Message}";
        }
        finally
        {
            _starting = false;
            if (copied is not null && _error is not null)
            {
                TryDelete(copied);
            }
        }
    }

    private string CopyExample(string exampleDirectory)
    {
        var directory = Folders.NewUpload();
        foreach (var file in Directory.EnumerateFiles(exampleDirectory, "*.csv"))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }
        return directory;
    }

    private void DiscardUploads()
    {
        if (_uploadDirectory is not null)
        {
            TryDelete(_uploadDirectory);
            _uploadDirectory = null;
        }
    }

    private void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException error)
        {
            Logger.LogWarning(error, "Could not remove the staging folder {Folder}", directory);
        }
    }

    private static int DataFileOrder(string name) => name switch
    {
        TaskFolder.TrainFileName => 0,
        TaskFolder.TestFileName => 1,
        TaskFolder.SampleSubmissionFileName => 2,
        _ => 3,
    };

    internal static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024.0):0.#} MB",
    };

    public void Dispose()
    {
        _disposed.Cancel();
        // Files uploaded for a task that never started have no other owner.
        DiscardUploads();
        _disposed.Dispose();
    }
}
