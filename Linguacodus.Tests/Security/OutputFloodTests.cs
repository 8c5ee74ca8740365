using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Tests.Fakes;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Linguacodus.Tests.Security;

/// <summary>
/// A program that floods stdout and stderr (a 300 MB line without a newline, a million short lines): the app's
/// memory stays flat, what leaves the sandbox is bounded, and the stored log keeps its head and tail and says it
/// was truncated.
/// </summary>
[Collection(MemoryMeasured.Name)]
public sealed class OutputFloodTests : IDisposable
{
    private const string Flood = """
        import sys, time
        print("first line")
        chunk = "x" * (1024 * 1024)
        for _ in range(300):
            sys.stdout.write(chunk)
        sys.stdout.write("\n")
        # stdout and stderr are read in parallel: let the long line arrive before the line flood starts.
        time.sleep(0.5)
        for block in range(100):
            sys.stderr.write("".join(f"err {block * 10000 + i}\n" for i in range(10000)))
            sys.stdout.write("".join(f"out {block * 10000 + i}\n" for i in range(10000)))
        """;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("linguacodus-flood-");
    private readonly TestServices _services = new();

    [Fact]
    public async Task OutputFlood_Sandbox_PassesOnABoundedHeadAndTheTail_WithFlatMemory()
    {
        var script = Path.Combine(_work.FullName, "main.py");
        await File.WriteAllTextAsync(script, Flood + "\nprint('last line')\n");
        var sandbox = new BubblewrapSandbox(Options.Create(new ExecutionOptions()));
        var lines = new List<OutputLine>();
        long characters = 0;

        var (result, peak) = await MeasurePeakAsync(() => sandbox.RunAsync(_work.FullName, script, SandboxInputs.None, line =>
        {
            lines.Add(line);
            characters += line.Text.Length;
        }, CancellationToken.None));

        Assert.True(result.Succeeded, $"exit {result.ExitCode}, {result.LimitMessage}: {string.Join("\n", lines.TakeLast(5).Select(l => l.Text))}");
        Assert.Equal("first line", lines[0].Text);
        Assert.StartsWith(new string('x', BubblewrapSandbox.MaxLineChars) + $" [line cut: {300 * 1024 * 1024 - BubblewrapSandbox.MaxLineChars:N0} more characters]", lines.Where(l => !l.IsError).ElementAt(1).Text);
        // The end of each stream survives the flood: the last stdout line (a score) and the last stderr line (a traceback).
        Assert.Equal("last line", lines.Last(l => !l.IsError).Text);
        Assert.Equal("err 999999", lines.Last(l => l.IsError).Text);
        Assert.Contains(lines, l => l.Text.StartsWith("[linguacodus] output truncated: ") && l.Text.EndsWith(" lines not shown"));
        Assert.InRange(lines.Count, 10_000, 10_000 + 2 * OutputGate.TailLines + 2);
        Assert.InRange(characters, 1, 2_000_000);
        Assert.True(peak < 64 * 1024 * 1024, $"The app's managed memory grew by {peak / 1024 / 1024} MB while 300+ MB were printed.");
    }

    [Fact]
    public async Task OutputFlood_ThroughARun_StoredLogKeepsHeadAndTailAndIsMarkedTruncated()
    {
        var stages = new Dictionary<CodeStage, string>
        {
            [CodeStage.Preprocessing] = "import json",
            [CodeStage.Architecture] = "model = None",
            [CodeStage.Training] = Flood + "\nprint('LINGUACODUS_VALIDATION ' + json.dumps({'score': 0.5}))\nprint('last line')",
            [CodeStage.Submission] = "import shutil\nshutil.copy('sample_submission.csv', 'submission.csv')",
        };
        var coder = new ScriptedCodeWriter(s => stages[s], _ => null);
        var pipeline = new RunPipeline(BaselineEngine.Create() with { Name = "scripted", Coder = coder }, _services.Get<ICodeSandbox>(), new ExecutionOptions { MaxFixes = 0 });
        var folder = Path.Combine(_services.DataDirectory, Guid.NewGuid().ToString("N"));
        var task = new RunLayout(folder).ImportTask(Repository.Example("breast-cancer"));
        using var session = new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, "scripted"), new RunLayout(folder), task, pipeline, _services.Get<RunStore>());
        await session.PlanAsync(null, CancellationToken.None);

        var (_, peak) = await MeasurePeakAsync(async () => { await session.ChooseAsync(1, null, CancellationToken.None); return 0; });

        var run = session.Run;
        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Message}: {string.Join("\n", run.Attempts.LastOrDefault()?.Log.TakeLast(5).Select(l => l.Text) ?? [])}");
        Assert.Equal(0.5, run.ValidationScore);
        var attempt = Assert.Single(run.Attempts);
        Assert.True(attempt.Truncated);
        Assert.StartsWith("… output truncated: ", attempt.TruncationNote);
        Assert.Equal(AttemptRecord.LogHead + AttemptRecord.LogTail, attempt.Log.Count);
        Assert.Equal("first line", attempt.Log[0].Text);
        Assert.Equal("last line", attempt.Log.Last(l => !l.IsError).Text);
        Assert.Equal("err 999999", attempt.Log.Last(l => l.IsError).Text);
        Assert.All(attempt.Log, l => Assert.True(l.Text.Length < AttemptRecord.MaxStoredLineChars + 50));
        Assert.Contains("\"truncated\": true", await File.ReadAllTextAsync(Path.Combine(folder, "run.json")));
        Assert.True(peak < 96 * 1024 * 1024, $"The app's managed memory grew by {peak / 1024 / 1024} MB during the run.");
    }

    /// <summary>
    /// Runs <paramref name="action"/> and samples the live managed heap meanwhile; returns the peak growth over the start.
    /// Each sample collects first: what is measured is what the app holds, not garbage a busy machine's GC has not yet
    /// reclaimed (a gen0 budget alone can be tens of megabytes).
    /// </summary>
    private static async Task<(T Result, long Peak)> MeasurePeakAsync<T>(Func<Task<T>> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                await Task.Delay(20);
            }
        });
        var result = await action();
        await stop.CancelAsync();
        await sampler;
        return (result, peak);
    }

    public void Dispose()
    {
        _work.Delete(recursive: true);
        _services.Dispose();
    }
}
