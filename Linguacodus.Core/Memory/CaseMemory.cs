using System.Text.Json;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Linguacodus.Core.Memory;

/// <summary>
/// The memory of solved cases: every run that ends with a valid, scored submission is kept as a case (in the
/// database, beside the runs), and planning a new task looks up the most similar ones. The index lives in memory,
/// built from the database on first use and rebuilt when another process (the command line) changed the cases.
/// </summary>
public sealed class CaseMemory(IDbContextFactory<LinguacodusDbContext> contexts, IOptions<MemoryOptions> options) : IDisposable
{
    private const string RetrievalKey = "memory.retrieve";

    private static readonly JsonSerializerOptions Json = RunJson.Options;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private CaseIndex? _index;
    private (int Count, long Updated) _stamp;

    public MemoryOptions Options => options.Value;

    /// <summary>Keeps a finished run as a case (or updates its case); null when the run is not one, or its case was removed.</summary>
    public async Task<SolvedCase?> RememberAsync(RunSnapshot run, CancellationToken cancellationToken)
    {
        if (!Options.Remember || Case(run) is not { } solved)
        {
            return null;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var before = await StampAsync(db, cancellationToken);
            var record = await db.Cases.FirstOrDefaultAsync(c => c.RunId == run.Id, cancellationToken);
            if (record is { Removed: true })
            {
                return null;
            }
            if (record is null)
            {
                record = new CaseRecord { Id = solved.Id, RunId = run.Id, CreatedAt = solved.CreatedAt, Title = "", Metric = "", Document = "" };
                db.Cases.Add(record);
            }
            solved = solved with { Id = record.Id, CreatedAt = record.CreatedAt };
            record.Title = solved.Title;
            record.Metric = solved.Metric;
            record.Score = solved.Score;
            record.UpdatedAt = DateTimeOffset.UtcNow;
            record.Document = JsonSerializer.Serialize(solved, Json);
            await db.SaveChangesAsync(cancellationToken);
            await ChangedAsync(db, before, index => index.Add(solved.Id, WordsOf(solved)), cancellationToken);
            return solved;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The cases most like a task, best first; none when retrieval is off or nothing is alike enough.</summary>
    public async Task<IReadOnlyList<SimilarCase>> FindSimilarAsync(MlTask task, DataProfile profile, CancellationToken cancellationToken)
    {
        if (!await IsRetrievalOnAsync(cancellationToken))
        {
            return [];
        }
        var words = CaseWords.Of(task.Title, task.Task, task.DataType, task.Metric.Name, task.DataCard, profile.Columns.Select(c => c.Name)).ToList();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await SyncAsync(db, cancellationToken);
            var hits = _index!.Search(words, Options.Examples, Options.MinSimilarity);
            var ids = hits.Select(h => h.Id).ToList();
            var found = (await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken)).ToDictionary(c => c.Id);
            return [.. hits.Select(h => found.TryGetValue(h.Id, out var record) && Read(record) is { } solved ? Similar(solved, h.Similarity) : null).OfType<SimilarCase>()];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every remembered case, newest first.</summary>
    public async Task<IReadOnlyList<SolvedCase>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Cases.AsNoTracking().Where(c => !c.Removed).OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken);
        return [.. records.Select(Read).OfType<SolvedCase>()];
    }

    /// <summary>Forgets a case; returns whether there was one. Its run stays.</summary>
    public async Task<bool> RemoveAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var before = await StampAsync(db, cancellationToken);
            var removed = await db.Cases.Where(c => c.Id == caseId && !c.Removed)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.Removed, true).SetProperty(x => x.UpdatedAt, DateTimeOffset.UtcNow), cancellationToken) > 0;
            await ChangedAsync(db, before, index => index.Remove(caseId), cancellationToken);
            return removed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether planning looks up similar cases: the Settings page's choice, else the configuration's.</summary>
    public async Task<bool> IsRetrievalOnAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.Key == RetrievalKey, cancellationToken);
        return stored is null ? Options.Retrieve : stored.Value == "on";
    }

    public async Task SetRetrievalAsync(bool on, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Preferences.FirstOrDefaultAsync(p => p.Key == RetrievalKey, cancellationToken);
        if (stored is null)
        {
            db.Preferences.Add(new PreferenceRecord { Key = RetrievalKey, Value = on ? "on" : "off" });
        }
        else
        {
            stored.Value = on ? "on" : "off";
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What a run leaves as a case, or null when it did not end with a valid, scored submission.</summary>
    public static SolvedCase? Case(RunSnapshot run)
    {
        if (run is not { Status: RunStatus.Succeeded, SubmissionProblems.Count: 0, ValidationScore: { } score, ChosenInstruction: { } instruction, Profile: { } profile })
        {
            return null;
        }
        var metric = run.Task.Metric;
        var offered = run.ChosenIndex == 0 ? run.Verdict?.ImprovedInstruction : run.Candidates.ElementAtOrDefault((run.ChosenIndex ?? 1) - 1);
        var ranks = run.Branches
            .Where(b => b.Succeeded && b.Candidate <= run.Candidates.Count)
            .OrderBy(b => metric.HigherIsBetter ? -b.ValidationScore!.Value : b.ValidationScore!.Value)
            .ThenBy(b => b.Candidate)
            .Select(b => new RankedPlan(b.Candidate, run.Candidates[b.Candidate - 1], b.ValidationScore!.Value, FamilyOf(run.Candidates[b.Candidate - 1])))
            .ToList();
        return new SolvedCase(
            Guid.NewGuid(), run.Id, DateTimeOffset.UtcNow, run.Task.Title, run.Task.Task, run.Task.DataType, metric.Name, metric.HigherIsBetter,
            run.Task.DataCard, [.. profile.Columns.Select(c => c.Name)], instruction, ProgramAssembler.Assemble(run.Task.Title, run.Stages),
            score, run.NaiveScore, Edited: offered != instruction || run.Attempts.Any(a => a.Trigger == AttemptTrigger.Edit),
            FamilyOf(instruction), ranks, PromptValues.ForTask(run.Task, profile, PromptCut.Whole));
    }

    /// <summary>The model family an instruction asks for, in words.</summary>
    public static string FamilyOf(string instruction) => BaselineRecipes.Phrase(BaselineRecipes.Detect(instruction));

    private static SimilarCase Similar(SolvedCase solved, double similarity) => new(
        solved.Id, solved.RunId, solved.Title, solved.Metric, solved.Score, Math.Round(similarity, 3), solved.Family, solved.BestFamily, solved.Edited, solved.Instruction);

    /// <summary>A stored case, or null when its document cannot be read: one damaged case never hides the others.</summary>
    private static SolvedCase? Read(CaseRecord record)
    {
        try
        {
            return JsonSerializer.Deserialize<SolvedCase>(record.Document, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<string> WordsOf(SolvedCase solved) =>
        CaseWords.Of(solved.Title, solved.Task, solved.DataType, solved.Metric, solved.DataCard, solved.Columns);

    /// <summary>Brings the index up to the database: rebuilt when the cases changed since it was built (here or elsewhere).</summary>
    private async Task SyncAsync(LinguacodusDbContext db, CancellationToken cancellationToken)
    {
        var stamp = await StampAsync(db, cancellationToken);
        if (_index is not null && _stamp == stamp)
        {
            return;
        }
        var index = new CaseIndex();
        await foreach (var record in db.Cases.AsNoTracking().Where(c => !c.Removed).OrderBy(c => c.CreatedAt).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (Read(record) is { } solved)
            {
                index.Add(record.Id, WordsOf(solved));
            }
        }
        (_index, _stamp) = (index, stamp);
    }

    /// <summary>Applies this process's own change to the index, unless the index was already behind (then the next search rebuilds it).</summary>
    private async Task ChangedAsync(LinguacodusDbContext db, (int, long) before, Action<CaseIndex> change, CancellationToken cancellationToken)
    {
        if (_index is not null && _stamp == before)
        {
            change(_index);
            _stamp = await StampAsync(db, cancellationToken);
        }
    }

    /// <summary>What changes whenever a case is added, updated or removed: the number of rows and the latest update.</summary>
    private static async Task<(int Count, long Updated)> StampAsync(LinguacodusDbContext db, CancellationToken cancellationToken)
    {
        var count = await db.Cases.CountAsync(cancellationToken);
        var updated = count == 0 ? 0 : (await db.Cases.OrderByDescending(c => c.UpdatedAt).Select(c => c.UpdatedAt).FirstAsync(cancellationToken)).UtcTicks;
        return (count, updated);
    }

    public void Dispose() => _gate.Dispose();
}
