using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Fakes;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Integration;

/// <summary>Every candidate turned into code and run in its own branch (real sandbox), then one promoted.</summary>
public sealed class CompareBranchesTests : IDisposable
{
    private readonly TestServices _services = new();

    private RunSession Session(SolutionEngine engine, out string folder)
    {
        var pipeline = new RunPipeline(engine, _services.Get<ICodeSandbox>(), new ExecutionOptions { MaxFixes = 0 });
        folder = Path.Combine(_services.DataDirectory, Guid.NewGuid().ToString("N"));
        var task = new RunLayout(folder).ImportTask(Repository.Example("diabetes-progression"));
        return new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, engine.Name), new RunLayout(folder), task, pipeline, _services.Get<RunStore>());
    }

    [Fact]
    public async Task Compare_Baseline_ScoresEveryCandidateAndPromotingTheBestMakesItTheRunsSolution()
    {
        using var session = Session(BaselineEngine.Create(), out var folder);
        await session.PlanAsync(null, CancellationToken.None);

        await session.CompareAsync(CancellationToken.None);

        var run = session.Run;
        Assert.True(run.Status == RunStatus.AwaitingChoice, run.Message);
        Assert.Equal([1, 2, 3], run.Branches.Select(b => b.Candidate));
        Assert.All(run.Branches, b => Assert.True(b.Succeeded, $"{b.Candidate}: {b.Status} {b.Message}"));
        Assert.Empty(run.Stages);
        var best = RunPipeline.Best(run.Branches, run.Task.Metric)!;
        Assert.Equal(run.Branches.Min(b => b.ValidationScore), best.ValidationScore);
        Assert.Contains($"candidate {best.Candidate} scores best", run.Message);
        Assert.All(run.Branches, b => Assert.True(File.Exists(Path.Combine(new RunLayout(folder).Branch(b.Candidate).Root, "submission.csv"))));
        // Every branch read the run's one copy of the data in place: no branch folder holds a copy or a placeholder.
        var data = TaskFolder.Load(new RunLayout(folder).Task).Layout.Inputs.Select(f => f.Name).ToList();
        Assert.All(run.Branches, b => Assert.DoesNotContain(data, n => Path.Exists(Path.Combine(new RunLayout(folder).Branch(b.Candidate).Work, n))));

        await session.PromoteAsync(best.Candidate, CancellationToken.None);

        run = session.Run;
        Assert.True(run.Status == RunStatus.Succeeded, run.Message);
        Assert.Equal(best.Candidate, run.ChosenIndex);
        Assert.Equal(run.Candidates[best.Candidate - 1], run.ChosenInstruction);
        Assert.Equal(best.Stages, run.Stages);
        Assert.Equal(best.ValidationScore, run.ValidationScore);
        Assert.Equal(3, run.Branches.Count);
        Assert.Contains(run.Timings, t => t.Step == "compare");
        Assert.Contains(run.Timings, t => t.Step == "execute: attempt 1");
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(new RunLayout(folder).Branch(best.Candidate).Root, "submission.csv")),
            await File.ReadAllTextAsync(Path.Combine(folder, "submission.csv")));
        Assert.Contains("\"branches\"", await File.ReadAllTextAsync(Path.Combine(folder, "run.json")));
        Assert.True(File.Exists(Path.Combine(folder, "solution.ipynb")));
        // The promoted branch's validation pictures are the run's: its page, notebook and zip show them.
        var pictures = Directory.GetFiles(new RunLayout(folder).Branch(best.Candidate).Work, "validation_*.png").Select(Path.GetFileName).Order().ToList();
        Assert.Contains("validation_residuals.png", pictures);
        Assert.Equal(pictures, Directory.GetFiles(new RunLayout(folder).Work, "validation_*.png").Select(Path.GetFileName).Order());
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(new RunLayout(folder).Branch(best.Candidate).Work, "validation_residuals.png")),
            await File.ReadAllBytesAsync(Path.Combine(new RunLayout(folder).Work, "validation_residuals.png")));
        Assert.Contains("image/png", await File.ReadAllTextAsync(Path.Combine(folder, "solution.ipynb")));
    }

    [Fact]
    public async Task Compare_StoppedWhileProgramsRun_StopsEveryBranchAndKeepsTheChoiceOpen()
    {
        var slow = new ScriptedCodeWriter(stage => stage == CodeStage.Training ? "import time\ntime.sleep(120)" : "x = 1", _ => null);
        using var session = Session(BaselineEngine.Create() with { Name = "scripted", Coder = slow }, out _);
        await session.PlanAsync(null, CancellationToken.None);
        using var running = new SemaphoreSlim(0);
        session.Updated += update =>
        {
            if (update is RunUpdate.BranchChanged { Branch.Attempts: > 0 })
            {
                running.Release();
            }
        };

        var comparing = session.CompareAsync(CancellationToken.None);
        Assert.True(await running.WaitAsync(TimeSpan.FromSeconds(60)), "no branch started its program");
        session.Stop();
        await comparing.WaitAsync(TimeSpan.FromSeconds(30));

        var run = session.Run;
        Assert.Equal(RunStatus.Stopped, run.Status);
        Assert.Equal(3, run.Branches.Count);
        Assert.All(run.Branches, b => Assert.Equal(BranchStatus.Stopped, b.Status));
    }

    [Fact]
    public async Task Promote_CandidateNotCompared_RefusesAndLeavesTheRunAsItWas()
    {
        using var session = Session(BaselineEngine.Create(), out _);
        await session.PlanAsync(null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.PromoteAsync(2, CancellationToken.None));

        Assert.Equal("Candidate 2 has not been compared yet.", error.Message);
        Assert.Equal(RunStatus.AwaitingChoice, session.Run.Status);
    }

    public void Dispose() => _services.Dispose();
}
