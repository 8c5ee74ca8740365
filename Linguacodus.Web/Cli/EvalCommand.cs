using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;

namespace Linguacodus.Web.Cli;

/// <summary>`eval`: solves every task folder under a folder and scores it against answers/&lt;task&gt;.csv where present.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var root = new Argument<DirectoryInfo>("folder-of-task-folders") { Description = "a folder of task folders, with answers/<task>.csv to score against" };
        var output = CliOptions.Out("where each task's artifacts and eval.json go (default: linguacodus-out/eval)");
        var flags = new RunFlags();
        var command = new Command("eval", "Solve every task folder under a folder; a table on stdout, eval.json beside the artifacts") { root, output };
        flags.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var rootDirectory = parsed.GetRequiredValue(root);
            var outRoot = parsed.GetValue(output)?.FullName ?? Path.GetFullPath(Path.Combine("linguacodus-out", "eval"));
            if (!rootDirectory.Exists)
            {
                return CliRoot.Fail($"{rootDirectory}: no such folder.");
            }
            var tasks = rootDirectory.EnumerateDirectories().Where(d => File.Exists(Path.Combine(d.FullName, "task.json"))).Select(d => d.FullName).Order().ToList();
            if (tasks.Count == 0)
            {
                return CliRoot.Fail($"{rootDirectory}: no task folders (folders holding a task.json).");
            }
            await using var services = await CliServices.BuildAsync(flags.Settings(parsed), cancellationToken);
            var solver = flags.Solver(parsed, services);
            var choice = parsed.GetRequiredValue(flags.Choice);
            var rows = new List<EvalRow>();
            foreach (var task in tasks)
            {
                var name = Path.GetFileName(task);
                Console.Error.WriteLine($"eval: {name}");
                var clock = Stopwatch.StartNew();
                var run = await solver.SolveAsync(task, Path.Combine(outRoot, name), choice, _ => { }, cancellationToken);
                rows.Add(EvalRow.Score(name, run, task, Path.Combine(outRoot, name), Path.Combine(rootDirectory.FullName, "answers", name + ".csv"), clock.Elapsed));
            }
            Console.WriteLine(EvalRow.Table(rows));
            var json = Path.Combine(outRoot, "eval.json");
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(rows, EvalRow.Json), cancellationToken);
            Console.Error.WriteLine($"eval: wrote {json}");
            return rows.All(r => r.ValidSubmission) ? 0 : 1;
        });
        return command;
    }
}
