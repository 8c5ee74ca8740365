using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Linguacodus.Core.Runs;

namespace Linguacodus.Web.Cli;

/// <summary>`eval`: solves every task folder under a folder and scores it against answers/&lt;task&gt;.csv where present.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var root = new Argument<DirectoryInfo>("folder-of-task-folders") { Description = "a folder of task folders, with answers/<task>.csv to score against" };
        var output = CliOptions.Out("where each task's artifacts and eval.json go (default: linguacodus-out/eval)");
        var memoryFrom = new Option<DirectoryInfo?>("--memory-from")
        {
            Description = "solve the tasks twice, without memory and with a memory of these other tasks (solved first with --choice best), "
                + "in fresh data folders; eval.json holds every row with its \"pass\"",
            HelpName = "DIR",
        };
        var flags = new RunFlags();
        var command = new Command("eval", "Solve every task folder under a folder; a table on stdout, eval.json beside the artifacts") { root, output, memoryFrom };
        flags.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var rootDirectory = parsed.GetRequiredValue(root);
            var outRoot = parsed.GetValue(output)?.FullName ?? Path.GetFullPath(Path.Combine("linguacodus-out", "eval"));
            if (TaskFolders(rootDirectory, out var tasks) is { } problem)
            {
                return CliRoot.Fail(problem);
            }
            if (parsed.GetValue(memoryFrom) is { } memoryDirectory)
            {
                return await MemoryEval.RunAsync(parsed, flags, (rootDirectory, tasks), memoryDirectory, parsed.GetValue(output) is not null, outRoot, cancellationToken);
            }
            await using var services = await CliServices.BuildAsync(flags.Settings(parsed), cancellationToken);
            var rows = await SolveAllAsync(flags.Solver(parsed, services), rootDirectory.FullName, tasks, outRoot, parsed.GetRequiredValue(flags.Choice), null, cancellationToken);
            Console.WriteLine(EvalRow.Table(rows));
            await WriteJsonAsync(outRoot, rows, cancellationToken);
            return rows.All(r => r.ValidSubmission) ? 0 : 1;
        });
        return command;
    }

    /// <summary>The task folders (those holding a task.json) under a folder, by name; a message when there are none.</summary>
    internal static string? TaskFolders(DirectoryInfo folder, out IReadOnlyList<string> tasks)
    {
        tasks = [];
        if (!folder.Exists)
        {
            return $"{folder}: no such folder.";
        }
        tasks = [.. folder.EnumerateDirectories().Where(d => File.Exists(Path.Combine(d.FullName, "task.json"))).Select(d => d.FullName).Order()];
        return tasks.Count == 0 ? $"{folder}: no task folders (folders holding a task.json)." : null;
    }

    /// <summary>Solves each task into outRoot/&lt;task&gt; and scores it against root/answers/&lt;task&gt;.csv.</summary>
    internal static async Task<List<EvalRow>> SolveAllAsync(
        RunService solver, string root, IReadOnlyList<string> tasks, string outRoot, SolveChoice choice, string? pass, CancellationToken cancellationToken)
    {
        var rows = new List<EvalRow>();
        foreach (var task in tasks)
        {
            var name = Path.GetFileName(task);
            Console.Error.WriteLine(pass is null ? $"eval: {name}" : $"eval ({pass}): {name}");
            var clock = Stopwatch.StartNew();
            var run = await solver.SolveAsync(task, Path.Combine(outRoot, name), choice, _ => { }, cancellationToken);
            var row = EvalRow.Score(name, run, task, Path.Combine(outRoot, name), Path.Combine(root, "answers", name + ".csv"), clock.Elapsed);
            rows.Add(row with { Pass = pass });
        }
        return rows;
    }

    internal static async Task WriteJsonAsync(string outRoot, IReadOnlyList<EvalRow> rows, CancellationToken cancellationToken)
    {
        var json = Path.Combine(outRoot, "eval.json");
        Directory.CreateDirectory(outRoot);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(rows, EvalRow.Json), cancellationToken);
        Console.Error.WriteLine($"eval: wrote {json}");
    }
}
