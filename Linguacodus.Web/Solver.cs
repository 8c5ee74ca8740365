using System.Diagnostics;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Web;

/// <summary>
/// Solves a task folder without a browser: plan, then take the agents' choice, one candidate, or every candidate
/// (one branch each) keeping the best by validation score. Used by `solve` and `eval`.
/// </summary>
internal sealed class Solver(SolutionEngine engine, ICodeSandbox sandbox, ExecutionOptions options, RunStore store)
{
    public const string Best = "best";

    /// <summary>Parses --choice: "auto" (0, the agents' improved instruction), "1"-"3", or "best".</summary>
    public static string ParseChoice(string? value) => (value ?? "auto") switch
    {
        "auto" => "auto",
        Best => Best,
        var n when int.TryParse(n, out var index) && index is >= 1 and <= RunPipeline.CandidateCount => n,
        var other => throw new ArgumentException($"--choice must be auto, best, 1, 2 or 3, not '{other}'."),
    };

    public async Task<RunSnapshot> SolveAsync(string taskDirectory, string outDirectory, string choice, Action<RunUpdate> report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDirectory);
        var pipeline = new RunPipeline(engine, sandbox, options);
        if (choice != Best)
        {
            using var session = Session(RunSession.ImportTask(taskDirectory, outDirectory), outDirectory, pipeline, null, report);
            await session.PlanAsync(null, cancellationToken);
            if (session.Run.Status == RunStatus.AwaitingChoice)
            {
                await session.ChooseAsync(choice == "auto" ? 0 : int.Parse(choice), null, cancellationToken);
            }
            return session.Run;
        }

        // Plan once (in the first branch's folder), then solve every candidate in its own folder.
        RunSnapshot? planned = null;
        var branches = new List<(BranchResult Result, RunSnapshot Run, string Folder)>();
        for (var candidate = 1; candidate <= RunPipeline.CandidateCount; candidate++)
        {
            var folder = Path.Combine(outDirectory, "branches", $"candidate-{candidate}");
            using var session = Session(RunSession.ImportTask(taskDirectory, folder), folder, pipeline, planned, report);
            if (planned is null)
            {
                await session.PlanAsync(null, cancellationToken);
                if (session.Run.Status != RunStatus.AwaitingChoice)
                {
                    return session.Run;
                }
                planned = session.Run;
            }
            var clock = Stopwatch.StartNew();
            await session.ChooseAsync(candidate, null, cancellationToken);
            var run = session.Run;
            branches.Add((new BranchResult(candidate, run.StatusText, run.ValidationScore, run.Attempts.Count, Math.Round(clock.Elapsed.TotalSeconds, 2)), run, folder));
        }
        var metric = Metric.Parse(planned!.Task.Metrics);
        var best = branches
            .Where(b => b.Run.Status == RunStatus.Succeeded && b.Run.SubmissionProblems.Count == 0 && b.Result.ValidationScore is not null)
            .OrderBy(b => metric.HigherIsBetter ? -b.Result.ValidationScore!.Value : b.Result.ValidationScore!.Value)
            .FirstOrDefault(branches[0]);
        foreach (var artifact in new[] { "solution.py", "solution.ipynb", "submission.csv" })
        {
            var source = Path.Combine(best.Folder, artifact);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(outDirectory, artifact), overwrite: true);
            }
        }
        var result = best.Run with { Branches = [.. branches.Select(b => b.Result)] };
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "run.json"), RunJson.Serialize(result), cancellationToken);
        await store.SaveAsync(result, best.Folder, cancellationToken);
        return result;
    }

    private RunSession Session(TaskFolder task, string folder, RunPipeline pipeline, RunSnapshot? planned, Action<RunUpdate> report)
    {
        var start = planned is null
            ? RunSnapshot.Start(Guid.NewGuid(), task.Task, engine.Name)
            : planned with { Id = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow };
        var session = new RunSession(start, folder, task, pipeline, store);
        session.Updated += report;
        return session;
    }
}
