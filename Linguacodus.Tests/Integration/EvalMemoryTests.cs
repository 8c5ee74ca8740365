using System.Text.Json;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Persistence;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Integration;

/// <summary>`eval --memory-from` run as the binary: the two folders must differ, and the pass with memory learns only from the other folder.</summary>
public sealed class EvalMemoryTests : IDisposable
{
    private const string Remembered = "diabetes-progression";
    private const string Measured = "diabetes-followup";

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("linguacodus-eval-memory-");

    /// <summary>The user's data folder: eval with --memory-from must never create or open it.</summary>
    private string Data => Path.Combine(_scratch.FullName, "data");

    private string Scratch(string name) => Path.Combine(_scratch.FullName, name);

    [Fact]
    public async Task EvalMemoryFrom_TheSameFolder_ExitsWithUsageError()
    {
        var folder = Folder("tasks", (Remembered, Remembered, null));

        var (exit, output, error, _) = await CliProcess.RunAsync(Data, "eval", folder, "--memory-from", folder + "/");

        Assert.Equal(2, exit);
        Assert.Equal($"linguacodus: --memory-from {folder}/ is the folder being evaluated; give a folder of other tasks.", error.Trim());
        Assert.Empty(output);
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task EvalMemoryFrom_TaskNameInBothFolders_ExitsWithUsageErrorNamingIt()
    {
        var measured = Folder("a", (Remembered, Remembered, null), (Measured, Remembered, "Diabetes Progression After One Year"));
        var memory = Folder("b", (Remembered, Remembered, "Diabetes Disease Progression, Again"));

        var (exit, output, error, _) = await CliProcess.RunAsync(Data, "eval", measured, "--memory-from", memory);

        Assert.Equal(2, exit);
        Assert.Equal($"linguacodus: --memory-from {memory} holds tasks of {measured} too ({Remembered}); the two folders must hold different tasks.", error.Trim());
        Assert.Empty(output);
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task EvalMemoryFrom_SameTaskUnderAnotherName_ExitsWithUsageError()
    {
        var measured = Folder("a", (Measured, Remembered, null));
        var memory = Folder("b", (Remembered, Remembered, null));

        var (exit, _, error, _) = await CliProcess.RunAsync(Data, "eval", measured, "--memory-from", memory);

        Assert.Equal(2, exit);
        Assert.Contains("(the same task.json); the two folders must hold different tasks.", error);
    }

    [Fact]
    public async Task EvalMemoryFrom_SimilarTask_SecondPassIsGivenTheRememberedCaseAndBothPassesAreReported()
    {
        var measured = Folder("a", (Measured, Remembered, "Diabetes Progression After One Year"));
        var memory = Folder("b", (Remembered, Remembered, null));

        var (exit, output, error, _) = await CliProcess.RunAsync(Data, "eval", measured, "--memory-from", memory, "--out", Scratch("out"));

        Assert.True(exit == 0, error);
        Assert.Contains("| answer, no memory | beats naive | family | answer, memory | beats naive | family | similar case (cosine) |", output);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith($"| {Measured} | rmse |", StringComparison.Ordinal));
        Assert.Contains("| Diabetes Disease Progression (", line);
        Assert.Contains("1 case remembered; with memory 1 of 1 tasks were given a similar case", output);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Scratch("out/eval.json")));
        var rows = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("pass").GetString()!);
        Assert.Equal(["memory", "with-memory", "without-memory"], rows.Keys.Order());
        Assert.Equal(Remembered, rows["memory"].GetProperty("task").GetString());
        Assert.Equal(JsonValueKind.Null, rows["without-memory"].GetProperty("similar_case").ValueKind);
        var with = rows["with-memory"];
        Assert.Equal((Measured, "Diabetes Disease Progression"), (with.GetProperty("task").GetString(), with.GetProperty("similar_case").GetString()));
        Assert.InRange(with.GetProperty("similarity").GetDouble(), 0.2, 1.0);
        Assert.All(rows.Values, r => Assert.True(r.GetProperty("valid_submission").GetBoolean(), r.ToString()));
        // The case's best family (kept by --choice best) is what the baseline engine ranks first with memory.
        using var run = JsonDocument.Parse(await File.ReadAllTextAsync(Scratch($"out/with-memory/{Measured}/run.json")));
        var first = run.RootElement.GetProperty("candidates")[0].GetString()!;
        Assert.Equal(rows["memory"].GetProperty("family").GetString(), CaseMemory.FamilyOf(first));
        Assert.False(Directory.Exists(Data));
        // Under --out the passes' data folders are kept, to look into.
        Assert.True(File.Exists(Path.Combine(Scratch("out/data/with-memory"), LinguacodusDbContext.FileName)));
    }

    /// <summary>A folder of copies of examples (name, example, title or null to keep the example's), each with its answers.</summary>
    private string Folder(string name, params (string Task, string Example, string? Title)[] tasks)
    {
        var root = Directory.CreateDirectory(Scratch(name)).FullName;
        var answers = Directory.CreateDirectory(Path.Combine(root, "answers")).FullName;
        foreach (var (task, example, title) in tasks)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, task)).FullName;
            foreach (var file in Directory.EnumerateFiles(Repository.Example(example)))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
            if (title is not null)
            {
                var description = Path.Combine(folder, "task.json");
                var text = File.ReadAllText(description);
                var original = JsonDocument.Parse(text).RootElement.GetProperty("title").GetString()!;
                File.WriteAllText(description, text.Replace(original, title, StringComparison.Ordinal));
            }
            File.Copy(Repository.Answers(example), Path.Combine(answers, task + ".csv"));
        }
        return root;
    }

    public void Dispose() => _scratch.Delete(recursive: true);
}
