using Linguacodus.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace Linguacodus.Core.Persistence;

/// <summary>Saves and loads runs; one DbContext per operation, so concurrent runs never share one.</summary>
public sealed class RunStore(IDbContextFactory<LinguacodusDbContext> contexts)
{
    /// <summary>The stored status text of a run with a step in progress (<see cref="RunSnapshot.StatusText"/>).</summary>
    private static readonly string ActiveStatus = RunSnapshot.TextOf(RunStatus.Executing);

    public async Task SaveAsync(RunSnapshot run, string folder, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Runs.FindAsync([run.Id], cancellationToken);
        if (record is null)
        {
            record = new RunRecord { Id = run.Id, CreatedAt = run.CreatedAt, Title = "", Engine = "", Status = "", Folder = folder, Document = "" };
            db.Runs.Add(record);
        }
        record.Title = run.Task.Title;
        record.Engine = run.Engine;
        record.Status = run.StatusText;
        record.ValidationScore = run.ValidationScore;
        record.NaiveScore = run.NaiveScore;
        record.Metric = run.Task.Metric.Name;
        record.UpdatedAt = DateTimeOffset.UtcNow;
        record.Folder = folder;
        record.Document = RunJson.Serialize(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <exception cref="System.Text.Json.JsonException">The stored document cannot be read (<see cref="SummaryAsync"/> still can).</exception>
    public async Task<StoredRun?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return record is null ? null : new StoredRun(RunJson.Deserialize(record.Document), record.Folder);
    }

    /// <summary>A run's summary columns and folder, without reading its document.</summary>
    public async Task<(RunSummary Summary, string Folder)?> SummaryAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return record is null ? null : (new RunSummary(record.Id, record.CreatedAt, record.Title, record.Engine, record.Status, record.ValidationScore, record.NaiveScore, record.Metric), record.Folder);
    }

    public async Task<IReadOnlyList<RunSummary>> ListAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(count)
            .Select(r => new RunSummary(r.Id, r.CreatedAt, r.Title, r.Engine, r.Status, r.ValidationScore, r.NaiveScore, r.Metric))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Removes a run's row; returns whether there was one. The run's folder is the caller's to remove.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Runs whose stored status says a step is in progress (after a crash: the interrupted ones).</summary>
    public async Task<IReadOnlyList<Guid>> ListActiveAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Where(r => r.Status == ActiveStatus).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Corrects only the listed status of a run whose document cannot be saved whole (its files or its document are damaged).</summary>
    public async Task SetStatusAsync(Guid id, string status, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, status), cancellationToken);
    }

    /// <summary>Applies pending migrations and switches SQLite to WAL, so readers never wait for a writing run.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
