using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Linguacodus.Tests.Security;

/// <summary>The real SQLite file under many parallel readers and writers, as many users' runs and pages make it.</summary>
public sealed class SqliteConcurrencyTests : IDisposable
{
    private const int Saves = 10;
    private readonly TestServices _services = new();

    [Fact]
    public async Task SqliteConcurrency_FiftyParallelReadersAndWriters_NoOneSeesDatabaseIsLocked()
    {
        var store = _services.Get<RunStore>();
        var task = new MlTask("Concurrency", "Predict y.", "tabular", "rmse", "", "");
        var writers = Enumerable.Range(0, 25).Select(w => Task.Run(async () =>
        {
            var run = RunSnapshot.Start(Guid.NewGuid(), task, "baseline");
            var folder = Path.Combine(_services.DataDirectory, "runs", run.Id.ToString("N"));
            for (var save = 0; save < Saves; save++)
            {
                // Documents that grow, as a streaming run's do.
                run = new RunUpdate.AttemptStarted(save + 1, AttemptTrigger.Generated).ApplyTo(run);
                run = run with { Attempts = run.Attempts.SetItem(save, run.Attempts[save] with { Log = [.. Enumerable.Range(0, 50).Select(i => new OutputLine($"writer {w} save {save} line {i}", false, 1))] }) };
                await store.SaveAsync(run, folder, CancellationToken.None);
            }
            return run.Id;
        })).ToList();
        var readers = Enumerable.Range(0, 25).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            while (!writers.All(w => w.IsCompleted))
            {
                // A page's reads: the history, one run, the active runs.
                var summaries = await store.ListAsync(100, CancellationToken.None);
                if (summaries.Count > 0)
                {
                    Assert.NotNull(await store.LoadAsync(summaries[Random.Shared.Next(summaries.Count)].Id, CancellationToken.None));
                }
                await store.ListActiveAsync(CancellationToken.None);
                reads++;
                await Task.Delay(5);
            }
            return reads;
        })).ToList();

        var ids = await Task.WhenAll(writers);
        var reads = await Task.WhenAll(readers);

        Assert.Equal(25, (await store.ListAsync(100, CancellationToken.None)).Count);
        foreach (var id in ids)
        {
            Assert.Equal(Saves, (await store.LoadAsync(id, CancellationToken.None))!.Value.Run.Attempts.Count);
        }
        Assert.True(reads.Sum() > 0);
        Assert.Equal("wal", Pragma("journal_mode"));
        Assert.Equal("ok", Pragma("integrity_check"));
    }

    private string Pragma(string name)
    {
        using var connection = new SqliteConnection(LinguacodusDbContext.ConnectionString(_services.DataDirectory));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose() => _services.Dispose();
}
