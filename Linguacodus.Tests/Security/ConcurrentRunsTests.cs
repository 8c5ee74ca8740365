using System.Collections.Concurrent;
using System.Globalization;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Tests.Fakes;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Security;

/// <summary>Many runs at once against the real sandbox: at most N programs run, the rest queue visibly, none sees another.</summary>
public sealed class ConcurrentRunsTests : IDisposable
{
    private const int Runs = 6;
    private const int Capacity = 2;
    private readonly TestServices _services = new(o => o.MaxConcurrentRuns = Capacity);

    [Fact]
    public async Task ConcurrentRuns_SixRunsTwoSlots_AtMostTwoRunTheRestQueueVisiblyAndNoneSeesAnother()
    {
        // Each program leaves a secret in its folder, waits, and reports whether any other run's secret is visible.
        var stages = new Dictionary<CodeStage, string>
        {
            [CodeStage.Preprocessing] = "import json, os, time, uuid\nstarted = time.time()",
            [CodeStage.Architecture] = "secret = 'secret-' + uuid.uuid4().hex\nopen(secret, 'w').write(secret)",
            [CodeStage.Training] = """
                time.sleep(0.8)
                others = [f for f in os.listdir('.') if f.startswith('secret-') and f != secret]
                print('isolated' if not others else 'LEAK ' + ' '.join(others))
                print(f'window {started} {time.time()}')
                print('LINGUACODUS_VALIDATION ' + json.dumps({'score': 0.5}))
                """,
            [CodeStage.Submission] = "import shutil\nshutil.copy('sample_submission.csv', 'submission.csv')",
        };
        var pipeline = new RunPipeline(BaselineEngine.Create() with { Name = "scripted", Coder = new ScriptedCodeWriter(s => stages[s], _ => null) },
            _services.Get<ICodeSandbox>(), new ExecutionOptions { MaxFixes = 0 });
        var slots = _services.Get<ExecutionSlots>();
        var sessions = new List<RunSession>();
        var messages = new ConcurrentBag<string>();
        var positions = new ConcurrentDictionary<Guid, ConcurrentQueue<int>>();
        for (var i = 0; i < Runs; i++)
        {
            var folder = Path.Combine(_services.DataDirectory, "runs", Guid.NewGuid().ToString("N"));
            var task = new RunLayout(folder).ImportTask(Repository.Example("breast-cancer"));
            var session = new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, "scripted"), new RunLayout(folder), task, pipeline, _services.Get<RunStore>(), slots);
            await session.PlanAsync(null, CancellationToken.None);
            var seen = positions.GetOrAdd(session.Run.Id, _ => new());
            session.Updated += update =>
            {
                if (update is RunUpdate.Queued queued)
                {
                    seen.Enqueue(queued.Position);
                    messages.Add(session.Run.Message ?? "");
                }
            };
            sessions.Add(session);
        }
        await Task.WhenAll(sessions.Select(s => s.ChooseAsync(1, null, CancellationToken.None)));

        Assert.All(sessions, s => Assert.True(s.Run.Status == RunStatus.Succeeded, s.Run.Message));
        Assert.All(sessions, s => Assert.Contains(s.Run.Attempts.Single().Log, l => l.Text == "isolated"));
        Assert.Equal(Capacity, slots.PeakRunning);
        Assert.True(MaxOverlap(sessions) <= Capacity, $"{MaxOverlap(sessions)} programs ran at once.");
        // Four of six waited; each was told its place, which only moved forward, and then that its turn had come.
        var waited = positions.Values.Where(p => p.Any(n => n > 0)).Select(p => p.ToList()).ToList();
        Assert.Equal(Runs - Capacity, waited.Count);
        Assert.All(waited, p => Assert.Equal(0, p[^1]));
        Assert.All(waited, p => Assert.Equal(p.Take(p.Count - 1).OrderDescending(), p.Take(p.Count - 1)));
        Assert.Contains(Runs - Capacity, waited.Select(p => p[0]));
        Assert.Contains($"Queued: waiting for a free sandbox, number {Runs - Capacity} in the queue", messages);
        Assert.Equal(0, slots.Waiting);
        foreach (var session in sessions)
        {
            session.Dispose();
        }
    }

    /// <summary>The most program windows (start to end, as the programs printed them) that overlap at one moment.</summary>
    private static int MaxOverlap(List<RunSession> sessions)
    {
        var events = sessions.Select(s => s.Run.Attempts.Single().Log.Single(l => l.Text.StartsWith("window ")).Text.Split(' '))
            .SelectMany(w => new[] { (Time: double.Parse(w[1], CultureInfo.InvariantCulture), Delta: 1), (Time: double.Parse(w[2], CultureInfo.InvariantCulture), Delta: -1) })
            .OrderBy(e => e.Time).ThenBy(e => e.Delta);
        int running = 0, most = 0;
        foreach (var (_, delta) in events)
        {
            running += delta;
            most = Math.Max(most, running);
        }
        return most;
    }

    public void Dispose() => _services.Dispose();
}
