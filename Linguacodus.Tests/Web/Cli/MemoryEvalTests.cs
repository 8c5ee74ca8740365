using Linguacodus.Web.Cli;

namespace Linguacodus.Tests.Web.Cli;

/// <summary>The folders `eval --memory-from` compares must hold different tasks, however they are named or reached.</summary>
public sealed class MemoryEvalTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("linguacodus-memory-eval-");

    [Fact]
    public void Overlap_LinkToTheFolderBeingEvaluated_IsRefused()
    {
        var folder = Folder("tasks", ("a", "{\"title\": \"A\"}"));
        var link = new DirectoryInfo(Path.Combine(_scratch.FullName, "link"));
        link.CreateAsSymbolicLink(folder.FullName);

        var problem = MemoryEval.Overlap(folder, Tasks(folder), link, Tasks(link));

        Assert.Equal($"--memory-from {link} is the folder being evaluated; give a folder of other tasks.", problem);
    }

    [Fact]
    public void Overlap_DifferentTasksUnderDifferentNames_IsNone()
    {
        var measured = Folder("measured", ("a", "{\"title\": \"A\"}"), ("b", "{\"title\": \"B\"}"));
        var memory = Folder("memory", ("c", "{\"title\": \"C\"}"));

        Assert.Null(MemoryEval.Overlap(measured, Tasks(measured), memory, Tasks(memory)));
    }

    [Fact]
    public void Overlap_SameTaskUnderAnotherName_NamesBoth()
    {
        var measured = Folder("measured", ("a", "{\"title\": \"A\"}"), ("b", "{\"title\": \"B\"}"));
        var memory = Folder("memory", ("copy-of-b", "{\"title\": \"B\"}"));

        var problem = MemoryEval.Overlap(measured, Tasks(measured), memory, Tasks(memory));

        Assert.Equal(
            $"--memory-from: {Path.Combine(memory.FullName, "copy-of-b")} is the same task as {Path.Combine(measured.FullName, "b")} (the same task.json); "
            + "the two folders must hold different tasks.", problem);
    }

    private DirectoryInfo Folder(string name, params (string Task, string Description)[] tasks)
    {
        var root = Directory.CreateDirectory(Path.Combine(_scratch.FullName, name));
        foreach (var (task, description) in tasks)
        {
            File.WriteAllText(Path.Combine(root.CreateSubdirectory(task).FullName, "task.json"), description);
        }
        return root;
    }

    private static List<string> Tasks(DirectoryInfo folder) => [.. folder.EnumerateDirectories().Select(d => d.FullName).Order()];

    public void Dispose() => _scratch.Delete(recursive: true);
}
