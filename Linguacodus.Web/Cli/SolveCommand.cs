using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Runs;

namespace Linguacodus.Web.Cli;

/// <summary>`solve`: one task folder to solution.py, solution.ipynb, submission.csv and run.json; exit 0 only for a valid submission.</summary>
internal static class SolveCommand
{
    public static Command Create()
    {
        var folder = CliOptions.TaskFolder("a task folder: task.json and the data files");
        var output = CliOptions.Out("where the artifacts go (default: linguacodus-out/<task>)");
        var flags = new RunFlags();
        var command = new Command("solve", "Solve a task folder; progress on stderr, a one-line JSON summary on stdout") { folder, output };
        flags.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var taskDirectory = parsed.GetRequiredValue(folder).FullName;
            var outDirectory = parsed.GetValue(output)?.FullName ?? Path.GetFullPath(Path.Combine("linguacodus-out", Path.GetFileName(taskDirectory.TrimEnd('/'))));
            await using var services = await CliServices.BuildAsync(flags.Settings(parsed), cancellationToken);
            var solver = flags.Solver(parsed, services);
            var clock = Stopwatch.StartNew();
            var slots = services.GetRequiredService<ExecutionSlots>();
            var run = await solver.SolveAsync(taskDirectory, outDirectory, parsed.GetRequiredValue(flags.Choice), update => Report(update, clock, slots), cancellationToken);
            var valid = IsValid(run);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                run_id = run.Id,
                status = run.StatusText,
                message = run.Message,
                task = run.Task.Title,
                engine = run.Engine,
                choice = run.ChosenIndex,
                metric = run.Task.Metric.Name,
                metric_note = run.Task.Metric.Note,
                validation_score = run.ValidationScore,
                attempts = run.Attempts.Count,
                branches = run.Branches.Select(b => new { candidate = b.Candidate, status = b.Status, validation_score = b.ValidationScore }),
                lint = run.LintFindings.Select(f => f.Rule),
                valid_submission = valid,
                wall_seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
                out_dir = outDirectory,
            }));
            return valid ? 0 : 1;
        });
        return command;
    }

    /// <summary>A run that succeeded and whose submission passed its checks.</summary>
    internal static bool IsValid(RunSnapshot run) => run.Status == RunStatus.Succeeded && run.SubmissionProblems.Count == 0;

    private static void Report(RunUpdate update, Stopwatch clock, ExecutionSlots slots)
    {
        var at = $"[{clock.Elapsed.TotalSeconds,6:0.0}s]";
        switch (update)
        {
            case RunUpdate.StatusChanged status:
                Console.Error.WriteLine($"{at} {status.Status}: {status.Message}");
                break;
            case RunUpdate.VerdictReady verdict:
                Console.Error.WriteLine($"{at} agents' verdict: option {verdict.Verdict.ChosenIndex}. {verdict.Verdict.Reasons}");
                break;
            case RunUpdate.OutputReceived output:
                Console.Error.WriteLine($"         {(output.Line.IsError ? "!" : "|")} {output.Line.Text}");
                break;
            case RunUpdate.Queued { Position: > 0 }:
                // The web app's programs and other command lines count too: say how full the machine is.
                Console.Error.WriteLine($"{at} waiting for a free execution slot ({slots.RunningMachineWide} of {slots.Capacity} in use on this machine)");
                break;
            case RunUpdate.AttemptFinished finished when finished.Error is not null:
                Console.Error.WriteLine($"{at} attempt failed: {finished.Error}");
                break;
        }
    }
}
