namespace Linguacodus.Core.Tasks;

/// <summary>A task folder or one of its files cannot be used; the message names the file and the problem.</summary>
public sealed class TaskFolderException(string file, string problem)
    : Exception($"{file}: {problem}")
{
    public string File { get; } = file;

    public string Problem { get; } = problem;
}
