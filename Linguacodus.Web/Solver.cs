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
        var task = RunSession.ImportTask(taskDirectory, outDirectory);
        using var session = new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, engine.Name), outDirectory, task, new RunPipeline(engine, sandbox, options), store);
        session.Updated += report;
        await session.PlanAsync(null, cancellationToken);
        if (session.Run.Status != RunStatus.AwaitingChoice)
        {
            return session.Run;
        }
        if (choice != Best)
        {
            await session.ChooseAsync(choice == "auto" ? 0 : int.Parse(choice), null, cancellationToken);
            return session.Run;
        }
        // Every candidate in its own branch, then the best by validation score (the first, if none succeeded).
        await session.CompareAsync(cancellationToken);
        if (session.Run.Status == RunStatus.AwaitingChoice)
        {
            var best = RunPipeline.Best(session.Run.Branches, Metric.Parse(session.Run.Task.Metrics));
            await session.PromoteAsync(best?.Candidate ?? 1, cancellationToken);
        }
        return session.Run;
    }
}
