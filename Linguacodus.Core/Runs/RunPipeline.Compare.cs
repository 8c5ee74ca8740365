using Linguacodus.Core.Artifacts;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Runs;

public sealed partial class RunPipeline
{
    /// <summary>
    /// Turns every candidate into code and runs it, each in its own branch folder (<see cref="RunLayout.Branch"/>),
    /// all at once: the sandbox's slots bound how many programs run together. The run's own code is untouched; each
    /// branch leaves its run.json, program, notebook and submission in its folder for <see cref="PromoteAsync"/>.
    /// </summary>
    public async IAsyncEnumerable<RunUpdate> CompareAsync(
        TaskFolder folder, RunSnapshot planned, RunLayout run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (planned.Profile is null || planned.Candidates.Count == 0)
        {
            throw new InvalidOperationException("Plan the run before comparing its candidates.");
        }
        yield return new RunUpdate.StatusChanged(RunStatus.Executing, $"Comparing the {planned.Candidates.Count} candidates: writing and running each one's code");
        var clock = Stopwatch.StartNew();
        var news = Channel.CreateUnbounded<RunUpdate>();
        var branches = planned.Candidates
            .Select((instruction, i) => RunBranchAsync(folder, planned, i + 1, instruction, run.Branch(i + 1), news.Writer, cancellationToken))
            .ToList();
        var all = Task.WhenAll(branches).ContinueWith(t => news.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var update in news.Reader.ReadAllAsync(cancellationToken))
        {
            yield return update;
        }
        await all;
        var results = await Task.WhenAll(branches);
        yield return new RunUpdate.StepTimed(RunSteps.Compare, clock.Elapsed);
        var metric = planned.Task.Metric;
        var best = Best(results, metric);
        yield return new RunUpdate.StatusChanged(RunStatus.AwaitingChoice, best is null
            ? "Compared: no candidate's program gave a valid submission; choose one to work on"
            : $"Compared: candidate {best.Candidate} scores best ({metric.Name} {best.ValidationScore:0.#####}); promote a branch or choose a candidate");
    }

    /// <summary>The branch with the best validation score among those that succeeded, if any did.</summary>
    public static BranchResult? Best(IEnumerable<BranchResult> branches, Metric metric) => branches
        .Where(b => b.Succeeded)
        .OrderBy(b => metric.HigherIsBetter ? -b.ValidationScore!.Value : b.ValidationScore!.Value)
        .ThenBy(b => b.Candidate)
        .FirstOrDefault();

    /// <summary>Takes a compared branch's code, attempts and artifacts as the run's own.</summary>
    public static async IAsyncEnumerable<RunUpdate> PromoteAsync(
        RunLayout run, int candidate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var branchFolder = run.Branch(candidate);
        var branch = RunJson.Deserialize(await File.ReadAllTextAsync(branchFolder.Document, cancellationToken));
        foreach (var (source, target) in new[] { (branchFolder.Script, run.Script), (branchFolder.Submission, run.Submission) })
        {
            if (File.Exists(source))
            {
                File.Copy(source, target, overwrite: true);
            }
            else
            {
                File.Delete(target);
            }
        }
        CopyDiagnostics(branchFolder.Work, run.Work);
        yield return new RunUpdate.BranchPromoted(branch);
    }

    /// <summary>The promoted branch's validation pictures replace the run's, so its page, notebook and zip show the solution's.</summary>
    private static void CopyDiagnostics(string from, string to)
    {
        var target = Directory.CreateDirectory(to);
        foreach (var stale in target.EnumerateFiles(NotebookImages.Pattern, new EnumerationOptions { AttributesToSkip = 0 }))
        {
            stale.Delete();
        }
        foreach (var (name, bytes) in NotebookImages.Read(from))
        {
            File.WriteAllBytes(Path.Combine(target.FullName, name), bytes);
        }
    }

    private async Task<BranchResult> RunBranchAsync(
        TaskFolder folder, RunSnapshot planned, int candidate, string instruction, RunLayout branchFolder,
        ChannelWriter<RunUpdate> news, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(branchFolder.Root);
        var run = new RunUpdate.InstructionChosen(candidate, instruction)
            .ApplyTo(planned with { Status = RunStatus.Coding, Message = "Writing the code", Attempts = [], Timings = [], Branches = [] });
        var clock = Stopwatch.StartNew();
        news.TryWrite(new RunUpdate.BranchChanged(Result()));
        try
        {
            await foreach (var update in BuildAsync(folder, planned.Profile!, instruction, branchFolder, cancellationToken))
            {
                run = update.ApplyTo(run);
                if (update is RunUpdate.StatusChanged or RunUpdate.AttemptStarted or RunUpdate.AttemptFinished)
                {
                    news.TryWrite(new RunUpdate.BranchChanged(Result()));
                }
            }
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or FormatException)
        {
            // One branch's failure (a budget, a back end) is its own; the others go on.
            run = new RunUpdate.StatusChanged(RunStatus.Failed, error.Message).ApplyTo(run);
        }
        await File.WriteAllTextAsync(branchFolder.Document, RunJson.Serialize(run), CancellationToken.None);
        var result = Result();
        news.TryWrite(new RunUpdate.BranchChanged(result));
        return result;

        BranchResult Result() => new(candidate, BranchResult.StatusOf(run.Status), run.ValidationScore, run.Attempts.Count, Math.Round(clock.Elapsed.TotalSeconds, 2))
        {
            Message = run.Message,
            Stages = run.Stages,
        };
    }
}
