using Linguacodus.Core.Tasks;

namespace Linguacodus.Web.Intake;

/// <summary>What one intake did: the tables now in the upload folder, what it refused or skipped, and the task.json it found.</summary>
public sealed class IntakeResult
{
    /// <summary>Server names of the tables saved into the upload folder, in the order they were taken.</summary>
    public List<string> Saved { get; } = [];

    /// <summary>Files refused for their name, content or size, and limits reached: shown as warnings.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Skipped entries, renamed files, an unusable task.json: shown as notes.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The task a task.json described (fields it lacks left empty) and where it was, e.g. "the folder".</summary>
    public List<FoundTask> Tasks { get; } = [];
}

/// <summary>A task read from a task.json that came with the data, where that file was, and what it settles beyond the task's fields.</summary>
public sealed record FoundTask(MlTask Task, string Where, TaskHints Hints);
