using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Runs;

/// <summary>
/// The steps of a run as streams of updates: plan (profile, candidates, verdict) and build (staged code) here;
/// execute (sandboxed runs with the error-fix loop) and compare (every candidate in a branch of its own) in the
/// other parts. It holds no state: callers apply the updates.
/// </summary>
/// <param name="memory">The memory of solved cases planning looks in (and runs are remembered in); null for none.</param>
public sealed partial class RunPipeline(SolutionEngine engine, ICodeSandbox sandbox, ExecutionOptions options, CaseMemory? memory = null)
{
    public const int CandidateCount = 3;

    public SolutionEngine Engine => engine;

    public ExecutionOptions Options => options;

    public CaseMemory? Memory => memory;

    public async IAsyncEnumerable<RunUpdate> PlanAsync(
        TaskFolder folder, IReadOnlyList<string>? targets, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new RunUpdate.StatusChanged(RunStatus.Planning, "Profiling the data");
        var clock = Stopwatch.StartNew();
        var profile = await Task.Run(() => DataProfiler.Profile(folder, targets), cancellationToken);
        yield return new RunUpdate.ProfileReady(profile);
        yield return new RunUpdate.StepTimed(RunSteps.Profile, clock.Elapsed);
        var similar = await SimilarAsync(folder, profile, cancellationToken);
        yield return new RunUpdate.SimilarFound([.. similar]);

        yield return new RunUpdate.StatusChanged(RunStatus.Planning, "Writing three candidate instructions");
        clock.Restart();
        var candidates = new string[CandidateCount];
        var tokens = TokenTally.Start();
        await foreach (var delta in engine.Instructions.WriteAsync(folder.Task, profile, CandidateCount, similar, cancellationToken))
        {
            if (delta.Restart)
            {
                candidates[delta.Index - 1] = "";
                yield return new RunUpdate.CandidateRestarted(delta.Index);
            }
            candidates[delta.Index - 1] += delta.Text;
            yield return new RunUpdate.CandidateText(delta.Index, delta.Text);
        }
        yield return new RunUpdate.StepTimed(RunSteps.Instructions, clock.Elapsed, tokens);

        yield return new RunUpdate.StatusChanged(RunStatus.Planning, "The agents are comparing the candidates");
        clock.Restart();
        var critique = Channel.CreateUnbounded<RunUpdate>();
        tokens = TokenTally.Start();
        var judging = Task.Run(async () =>
        {
            try
            {
                var verdict = await engine.Judge.JudgeAsync(
                    folder.Task, profile, [.. candidates.Select(c => c ?? "")], similar,
                    text => critique.Writer.TryWrite(new RunUpdate.CritiqueText(text)), cancellationToken);
                critique.Writer.TryWrite(new RunUpdate.VerdictReady(verdict));
                critique.Writer.Complete();
            }
            catch (Exception error)
            {
                critique.Writer.Complete(error);
            }
        }, cancellationToken);
        await foreach (var update in critique.Reader.ReadAllAsync(cancellationToken))
        {
            yield return update;
        }
        await judging;
        yield return new RunUpdate.StepTimed(RunSteps.Judge, clock.Elapsed, tokens);
        yield return new RunUpdate.StatusChanged(RunStatus.AwaitingChoice, "Choose a candidate or accept the agents' choice");
    }

    /// <summary>The similar cases of the memory; none when there is no memory or it cannot be read (planning goes on without it).</summary>
    private async Task<IReadOnlyList<SimilarCase>> SimilarAsync(TaskFolder folder, DataProfile profile, CancellationToken cancellationToken)
    {
        try
        {
            return memory is null ? [] : await memory.FindSimilarAsync(folder.Task, profile, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            return [];
        }
    }

    public async IAsyncEnumerable<RunUpdate> BuildAsync(
        TaskFolder folder, DataProfile profile, string instruction, RunLayout run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new RunUpdate.StatusChanged(RunStatus.Coding, "Writing the code, stage by stage");
        var stages = new Dictionary<CodeStage, string>();
        foreach (var stage in CodeStages.All)
        {
            var clock = Stopwatch.StartNew();
            var request = new CodeRequest(folder, profile, instruction, stages.ToDictionary());
            var code = "";
            var tokens = TokenTally.Start();
            await foreach (var delta in engine.Coder.WriteStageAsync(request, stage, cancellationToken))
            {
                code += delta;
                yield return new RunUpdate.StageText(stage, delta);
            }
            stages[stage] = code;
            yield return new RunUpdate.StepTimed(RunSteps.Code(stage), clock.Elapsed, tokens);
        }
        await foreach (var update in ExecuteAsync(folder, profile, instruction, stages, run, AttemptTrigger.Generated, cancellationToken))
        {
            yield return update;
        }
    }
}
