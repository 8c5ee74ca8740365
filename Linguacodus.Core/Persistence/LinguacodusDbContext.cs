using Microsoft.EntityFrameworkCore;

namespace Linguacodus.Core.Persistence;

public sealed class LinguacodusDbContext(DbContextOptions<LinguacodusDbContext> options) : DbContext(options)
{
    public const string FileName = "linguacodus.db";

    /// <summary>
    /// The database in <paramref name="dataDirectory"/>. Commands wait up to 30 s for a lock instead of failing with
    /// "database is locked" (WAL, set by <see cref="RunStore.MigrateAsync"/>, lets readers run beside the one writer).
    /// </summary>
    public static string ConnectionString(string dataDirectory) =>
        $"Data Source={Path.Combine(dataDirectory, FileName)};Default Timeout=30;Pooling=True";

    public DbSet<RunRecord> Runs => Set<RunRecord>();

    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    public DbSet<PreferenceRecord> Preferences => Set<PreferenceRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var run = modelBuilder.Entity<RunRecord>();
        run.ToTable("runs");
        run.HasKey(r => r.Id);
        run.Property(r => r.Title).HasMaxLength(500);
        run.Property(r => r.Engine).HasMaxLength(100);
        run.Property(r => r.Status).HasMaxLength(40);
        run.Property(r => r.Metric).HasMaxLength(100);
        // SQLite cannot order by DateTimeOffset; store UTC ticks so history sorts in SQL.
        run.Property(r => r.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        run.Property(r => r.UpdatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        run.HasIndex(r => r.CreatedAt);

        var solved = modelBuilder.Entity<CaseRecord>();
        solved.ToTable("cases");
        solved.HasKey(c => c.Id);
        solved.HasIndex(c => c.RunId).IsUnique();
        solved.Property(c => c.Title).HasMaxLength(500);
        solved.Property(c => c.Metric).HasMaxLength(100);
        solved.Property(c => c.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        solved.Property(c => c.UpdatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

        var preference = modelBuilder.Entity<PreferenceRecord>();
        preference.ToTable("preferences");
        preference.HasKey(p => p.Key);
        preference.Property(p => p.Key).HasMaxLength(100);
    }
}
