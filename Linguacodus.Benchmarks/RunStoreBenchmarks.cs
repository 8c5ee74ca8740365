using BenchmarkDotNet.Attributes;
using Linguacodus.Core;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Linguacodus.Benchmarks;

/// <summary>
/// Saving a run to a real SQLite file through EF Core, as the app wires it. The long run carries the most output a
/// run keeps (<see cref="AttemptRecord.LogHead"/> + <see cref="AttemptRecord.LogTail"/> lines), so the ratio is what
/// a chatty program costs each save.
/// </summary>
[MemoryDiagnoser]
public class RunStoreBenchmarks
{
    private DirectoryInfo _root = null!;
    private ServiceProvider _services = null!;
    private RunStore _store = null!;
    private RunSnapshot _small = null!;
    private RunSnapshot _long = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _root = Directory.CreateTempSubdirectory("linguacodus-benchmarks-");
        _services = new ServiceCollection().AddLinguacodusCore(_root.FullName).BuildServiceProvider();
        _store = _services.GetRequiredService<RunStore>();
        await _store.MigrateAsync(CancellationToken.None);
        _small = Snapshots.Finished(outputLines: 20);
        _long = Snapshots.Finished(outputLines: AttemptRecord.LogHead + AttemptRecord.LogTail);
        // A streaming run saves the same row again and again: measure the update, not the first insert.
        await _store.SaveAsync(_small, _root.FullName, CancellationToken.None);
        await _store.SaveAsync(_long, _root.FullName, CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        // Pooled connections keep the database file open.
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task SaveSmallRun() => _store.SaveAsync(_small, _root.FullName, CancellationToken.None);

    [Benchmark]
    public Task SaveRunWithLongOutput() => _store.SaveAsync(_long, _root.FullName, CancellationToken.None);
}
