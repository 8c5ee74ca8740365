using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Linguacodus.Web.Intake;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>
/// The new-task form and what it starts. Files are taken in by <see cref="TaskIntake"/> into a server-named upload
/// folder, one intake after another; a Start pressed meanwhile waits for them instead of being lost. An example's
/// files are copied into a fresh folder only when the run starts, so the shipped examples are never written to.
/// </summary>
public sealed partial class NewTaskPage : IDisposable
{
    /// <summary>The paper's own task table, shipped beside the examples.</summary>
    public const string PaperTasksFileName = "paper-tasks.csv";

    private readonly TaskDraft _draft = new();
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>Taken once, so work queued before the page closed can still ask it after the source is disposed.</summary>
    private CancellationToken _closed;
    private TaskIntake _intake = default!;
    private Progress<IntakeProgress> _progressReport = default!;
    private NewTaskTablePicker? _tablePicker;
    private InputFile? _folderInput;
    private IReadOnlyList<(string Name, TaskFolder Folder)> _examples = [];
    private string? _catalogProblem;
    private string? _paperTasksPath;
    private Dictionary<string, string> _fieldErrors = [];
    private List<string> _uploadProblems = [];
    private List<string> _uploadNotes = [];
    private List<FileInfo> _dataFiles = [];
    private string? _exampleName;
    private string? _exampleDirectory;
    private string? _uploadDirectory;
    private TaskHints _hints = TaskHints.None;
    private string? _error;
    private bool _starting;

    /// <summary>The intakes chosen so far, each one waiting for the one before; complete when all are done.</summary>
    private Task _intakes = Task.CompletedTask;
    private int _intakesPending;
    private IntakeProgress? _progress;

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
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILoggerFactory Logs { get; set; } = default!;

    private ILogger Logger => Logs.CreateLogger<NewTaskPage>();

    /// <summary>The names Linguacodus knows; for any other name, which family it will be scored as (the run page repeats it).</summary>
    private string MetricHelp => string.IsNullOrWhiteSpace(_draft.Metric) || Metric.Parse(_draft.Metric).Note is not { } note
        ? string.Join(", ", Metric.SupportedNames)
        : note;

    private UploadLimits Limits => UploadOptions.Value;

    private bool IntakeBusy => _intakesPending > 0;

    /// <summary>While files come in or a run starts, nothing may change the data under them.</summary>
    private bool Busy => IntakeBusy || _starting;

    protected override void OnInitialized()
    {
        _closed = _disposed.Token;
        _intake = new TaskIntake(Limits, Logs.CreateLogger<TaskIntake>());
        // Reports may come from any thread; the page's state changes on its own dispatcher only.
        _progressReport = new Progress<IntakeProgress>(progress => _ = InvokeAsync(() =>
        {
            _progress = progress;
            StateHasChanged();
        }));
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

    private void PickExample(ExampleChoice example)
    {
        _draft.Fill(example.Folder.Task);
        _exampleName = example.Name;
        _exampleDirectory = example.Folder.Directory;
        DiscardUploads();
        _fieldErrors = [];
        _uploadProblems = [];
        _uploadNotes = [];
        _error = null;
        RefreshDataFiles();
    }

    private void ClearExampleData()
    {
        _exampleName = null;
        _exampleDirectory = null;
        RefreshDataFiles();
    }

    /// <summary>A row of a task table becomes the task; an example's data belongs to the example, so it is let go.</summary>
    private void PickTableTask(MlTask task)
    {
        _draft.Fill(task);
        _fieldErrors = [];
        _error = null;
        if (_exampleName is not null)
        {
            ClearExampleData();
        }
    }

    private Task UploadAsync(InputFileChangeEventArgs args)
    {
        var files = Offered(args);
        return TakeInAsync(token => _intake.TakeFilesAsync(UploadDirectory(), files, _progressReport, token));
    }

    private async Task UploadFolderAsync(InputFileChangeEventArgs args)
    {
        // Asked at once, before a newer choice can replace the input's files.
        var paths = await FolderPick.RelativePathsAsync(JS, _folderInput?.Element);
        var files = Offered(args).Select((f, i) => f with { Folder = i < paths.Count ? IntakeFile.FolderOf(paths[i]) : null }).ToList();
        await TakeInAsync(token => _intake.TakeFolderAsync(UploadDirectory(), files, _progressReport, token));
    }

    private Task ImportTableAsync(InputFileChangeEventArgs args)
    {
        var file = Offer(args.File);
        return Queue(token => _tablePicker!.ImportAsync(_intake, file, token));
    }

    /// <summary>Takes files in after the intakes before, then shows what came of it.</summary>
    private Task TakeInAsync(Func<CancellationToken, Task<IntakeResult>> intake) => Queue(async token =>
    {
        _uploadProblems = [];
        _uploadNotes = [];
        _error = null;
        var result = await intake(token);
        _uploadProblems.AddRange(result.Problems);
        _uploadNotes.AddRange(result.Notes);
        foreach (var found in result.Tasks)
        {
            if (_draft.FillEmpty(found.Task) is var filled and > 0)
            {
                _uploadNotes.Add($"{filled} empty {(filled == 1 ? "field was" : "fields were")} filled from task.json in {found.Where}.");
            }
            if (!found.Hints.IsEmpty)
            {
                // Kept for the task folder the run starts from, so what the analyst settled there still holds.
                _hints = found.Hints;
                _uploadNotes.Add($"task.json in {found.Where} settles {Settles(found.Hints)}; the run follows it.");
            }
        }
        // Taking in files switches the data source to the analyst's own.
        if (result.Saved.Count > 0 && _exampleName is not null)
        {
            ClearExampleData();
        }
        RefreshDataFiles();
    });

    /// <summary>
    /// Runs <paramref name="work"/> once the intakes before it are done, so two selections never write the same
    /// folder at once; the pending count falls inside the chained task, so a Start awaiting it sees the page settled.
    /// </summary>
    private Task Queue(Func<CancellationToken, Task> work)
    {
        _intakesPending++;
        _intakes = AfterAsync(_intakes, work);
        return _intakes;
    }

    private async Task AfterAsync(Task before, Func<CancellationToken, Task> work)
    {
        // Whatever became of the one before was shown by its own handler.
        await Task.WhenAny(before);
        try
        {
            await work(_closed);
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            // The page was closed; its upload folder goes with it.
        }
        catch (JSException error)
        {
            // The browser could not hand the file over (a newer choice replaced it, the tab is closing).
            Logger.LogWarning(error, "A chosen file could not be read from the browser");
            _uploadProblems.Add($"The chosen files could not be read from the browser ({error.Message}); choose them again.");
        }
        finally
        {
            _intakesPending--;
            if (_intakesPending == 0)
            {
                _progress = null;
            }
        }
    }

    private static List<IntakeFile> Offered(InputFileChangeEventArgs args) => [.. args.GetMultipleFiles(args.FileCount).Select(Offer)];

    private static IntakeFile Offer(IBrowserFile file) => new(file.Name, file.Size, file.OpenReadStream);

    private string UploadDirectory() => _uploadDirectory ??= Folders.NewUpload();

    private void RefreshDataFiles()
    {
        var directory = _exampleDirectory ?? _uploadDirectory;
        _dataFiles = directory is null
            ? []
            : [.. TaskIntake.Tables(directory).OrderBy(f => DataFileOrder(f.Name)).ThenBy(f => f.Name, StringComparer.Ordinal)];
    }

    private void RemoveUpload(string name)
    {
        if (_uploadDirectory is not null && _exampleName is null && _dataFiles.Any(f => f.Name == name))
        {
            File.Delete(Path.Combine(_uploadDirectory, name));
            RefreshDataFiles();
        }
    }

    private async Task StartAsync()
    {
        _error = null;
        _starting = true;
        string? copied = null;
        try
        {
            // A press that came while files were still coming in starts once they are in, with what they filled in.
            while (IntakeBusy)
            {
                await Task.WhenAny(_intakes);
            }
            if (_closed.IsCancellationRequested)
            {
                return;
            }
            if (CannotStart() is { } reason)
            {
                _error = reason;
                return;
            }
            var example = _exampleDirectory;
            var upload = _uploadDirectory;
            var task = _draft.ToTask();
            var hints = _hints;
            // Several targets predicted together are typed in the one box, separated by commas.
            IReadOnlyList<string>? targets = string.IsNullOrWhiteSpace(_draft.Target) ? null : TaskHints.SplitNames(_draft.Target);
            // Off the circuit's thread: an example's data is copied (up to a gigabyte) before the run exists.
            var id = await Task.Run(async () =>
            {
                var directory = example is null ? upload! : copied = CopyExample(example);
                TaskFolder.Create(directory, task, example is null ? hints : TaskFolder.Load(example).Hints);
                var run = await StartRunAsync(directory, targets);
                // The run took the staging folder's files, so what is left of it has done its job.
                TryDelete(directory);
                return run;
            });
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

    /// <summary>The one place this page starts a run; the task folder is always the page's own staging folder, so its files are moved.</summary>
    private Task<Guid> StartRunAsync(string taskDirectory, IReadOnlyList<string>? targets) => Runs.StartAsync(taskDirectory, targets, moveFiles: true);

    /// <summary>Why the task cannot start as it is, in words for the page; null when it can.</summary>
    private string? CannotStart()
    {
        _fieldErrors = _draft.Check();
        if (_fieldErrors.Count > 0)
        {
            return "Some fields need attention: " + string.Join(" ", _fieldErrors.Values);
        }
        var refused = _uploadProblems.Count > 0 ? " Some chosen files were refused; the warnings above say why." : "";
        var directory = _exampleDirectory ?? _uploadDirectory;
        if (directory is null || _dataFiles.Count == 0)
        {
            return $"Upload the task's tables (train.csv and test.csv, or one data file whose blank target cells are to be filled), or start from an example.{refused}";
        }
        try
        {
            // The same rules the run applies, so a layout the run accepts (data.csv alone, house_train.csv, related tables) can start.
            TaskLayout.Detect(directory, _exampleDirectory is null ? _hints : TaskHints.None);
            return null;
        }
        catch (TaskFolderException error)
        {
            return $"{error.Message}.{refused}";
        }
    }

    private string CopyExample(string exampleDirectory)
    {
        var directory = Folders.NewUpload();
        TaskFolder.Load(exampleDirectory).Layout.CopyInputsTo(directory);
        return directory;
    }

    private void DiscardUploads()
    {
        _hints = TaskHints.None;
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

    private static string Settles(TaskHints hints) => string.Join(" and ", new[]
    {
        hints.Roles.Count > 0 ? $"the roles of {hints.Roles.Count} {(hints.Roles.Count == 1 ? "file" : "files")}" : null,
        hints.Targets.Count > 0 ? $"the {(hints.Targets.Count == 1 ? "target" : "targets")} {string.Join(", ", hints.Targets)}" : null,
        hints.PositiveClass is { } positive ? $"the positive class '{positive}'" : null,
    }.OfType<string>());

    private static int DataFileOrder(string name) => name switch
    {
        TaskFolder.TrainFileName => 0,
        TaskFolder.TestFileName => 1,
        TaskFolder.SampleSubmissionFileName => 2,
        _ => 3,
    };

    public void Dispose()
    {
        _disposed.Cancel();
        // Files uploaded for a task that never started have no other owner.
        DiscardUploads();
        _disposed.Dispose();
    }
}
