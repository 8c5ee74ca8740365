using BenchmarkDotNet.Attributes;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Runs;

namespace Linguacodus.Benchmarks;

/// <summary>Folding a stream of small deltas into a run, as a streaming step does for every token and output line.</summary>
[MemoryDiagnoser]
public class RunUpdateBenchmarks
{
    private RunSnapshot _start = null!;
    private RunUpdate[] _updates = [];

    [Params(1_000)]
    public int Updates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // An attempt is open so that output lines have somewhere to go.
        _start = new RunUpdate.AttemptStarted(1, AttemptTrigger.Generated).ApplyTo(Snapshots.Start());
        var stages = Enum.GetValues<CodeStage>();
        _updates = [.. Enumerable.Range(0, Updates).Select<int, RunUpdate>(i => (i % 3) switch
        {
            0 => new RunUpdate.CandidateText(1 + i / 3 % 3, "token "),
            1 => new RunUpdate.StageText(stages[i / 3 % stages.Length], "x = 1\n"),
            _ => new RunUpdate.OutputReceived(new OutputLine($"epoch {i}: loss 0.{i:D4}", false, 1)),
        })];
    }

    [Benchmark]
    public RunSnapshot ApplyUpdates()
    {
        var run = _start;
        foreach (var update in _updates)
        {
            run = update.ApplyTo(run);
        }
        return run;
    }
}
