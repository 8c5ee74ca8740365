namespace Linguacodus.Core.Tasks;

/// <summary>One entry of a task folder and the role it plays.</summary>
/// <param name="Name">The file or folder name, relative to the task folder.</param>
/// <param name="Reason">How the role was told, in words for the analyst ("named train.csv", "named in task.json").</param>
public sealed record TaskFile(string Name, FileRole Role, bool IsFolder, string Reason)
{
    /// <summary>Whether a run reads this entry (everything but the ignored ones).</summary>
    public bool IsInput => Role != FileRole.Ignored;
}
