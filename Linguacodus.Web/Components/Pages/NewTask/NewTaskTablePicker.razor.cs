using Linguacodus.Core.Tasks;
using Linguacodus.Web.Intake;
using Linguacodus.Core.Runs;
using Microsoft.AspNetCore.Components;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>
/// A table of tasks (the paper's own, or one the analyst imports) to fill the form from, one row a task. An imported
/// table is checked like any CSV upload, read, then thrown away; only the picked row's task goes on to the page.
/// </summary>
public sealed partial class NewTaskTablePicker
{
    /// <summary>The id of the page's hidden file input that the "Import a task table" label opens.</summary>
    public const string InputId = "task-table-input";

    private IReadOnlyList<MlTask> _tasks = [];
    private string? _source;
    private string? _problem;
    private int? _row;

    [Inject]
    private RunFolders Folders { get; set; } = default!;

    /// <summary>The paper's task table shipped beside the examples; null when this installation has none.</summary>
    [Parameter]
    public string? PaperTasksPath { get; set; }

    [Parameter]
    public bool Disabled { get; set; }

    /// <summary>The task of the row picked; the page fills its form from it.</summary>
    [Parameter]
    public EventCallback<MlTask> OnPick { get; set; }

    /// <summary>Reads an imported task table through <paramref name="intake"/> and lists its tasks, or says why it cannot.</summary>
    public async Task ImportAsync(TaskIntake intake, IntakeFile file, CancellationToken cancellationToken)
    {
        _problem = null;
        var scratch = Folders.NewUpload();
        try
        {
            var (tasks, problem) = await intake.ReadTaskTableAsync(file, scratch, cancellationToken);
            if (problem is null)
            {
                Show(tasks, $"'{file.Name}'");
            }
            _problem = problem;
        }
        finally
        {
            TryDelete(scratch);
            StateHasChanged();
        }
    }

    private void ShowPaperTasks()
    {
        if (PaperTasksPath is null)
        {
            return;
        }
        try
        {
            Show(TaskTable.Load(PaperTasksPath), "the paper's tasks");
            _problem = null;
        }
        catch (TaskFolderException error)
        {
            _problem = $"The paper's tasks cannot be used: {error.Problem}";
        }
    }

    private void Show(IReadOnlyList<MlTask> tasks, string source)
    {
        _tasks = tasks;
        _source = source;
        _row = null;
    }

    private async Task PickAsync(int row)
    {
        _row = row;
        await OnPick.InvokeAsync(_tasks[row]);
    }

    private void Close()
    {
        _tasks = [];
        _source = null;
        _row = null;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // An empty scratch folder left behind is removed with the data folder's uploads; nothing reads it.
        }
    }
}
