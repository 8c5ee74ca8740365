using Linguacodus.Core.Tasks;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>What unpacking a task archive did: the tables saved, what was refused or skipped, and its task.json.</summary>
internal sealed class TaskArchiveResult
{
    /// <summary>Server names of the tables now in the upload folder.</summary>
    public List<string> Saved { get; } = [];

    /// <summary>Files refused for what they hold or how large they are, and limits reached.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Entries skipped for their path or kind, renamed files, an unusable task.json.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The archive's task.json, fields it lacks left empty; null when it had none or it was unusable.</summary>
    public MlTask? Task { get; set; }

    /// <summary>What that task.json settles beyond the task's fields (file roles, targets, positive class).</summary>
    public TaskHints Hints { get; set; } = TaskHints.None;
}
