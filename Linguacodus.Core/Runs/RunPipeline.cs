using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Runs;

/// <summary>
/// The steps of a run as streams of updates: plan (profile, candidates, verdict), build (staged code), and
/// execute (sandboxed runs with the error-fix loop). It holds no state: callers apply the updates.
/// </summary>
public sealed class RunPipeline(SolutionEngine engine, ICodeSandbox sandbox, ExecutionOptions options)
{
    public const int CandidateCount = 3;

    public SolutionEngine Engine => engine;

    public ExecutionOptions Options => options;

    public async IAsyncEnumerable<RunUpdate> PlanAsync(
        TaskFolder folder, string? targetOverride, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new RunUpdate.StatusChanged(RunStatus.Planning, "Profiling the data");
        var clock = Stopwatch.StartNew();
        var profile = await Task.Run(() => DataProfiler.Profile(folder, targetOverride), cancellationToken);
        yield return new RunUpdate.ProfileReady(profile);
        yield return new RunUpdate.StepTimed("profile", clock.Elapsed);

        yield return new RunUpdate.StatusChanged(RunStatus.Planning, "Writing three candidate instructions");
        clock.Restart();
        var candidates = new string[CandidateCount];
        var tokens = TokenTally.Start();
        await foreach (var delta in engine.Instructions.WriteAsync(folder.Task, profile, CandidateCount, cancellationToken))
        {
            if (delta.Restart)
            {
                candidates[delta.Index - 1] = "";
                yield return new RunUpdate.CandidateRestarted(delta.Index);
            }
            candidates[delta.Index - 1] += delta.Text;
            yield return new RunUpdate.CandidateText(delta.Index, delta.Text);
        }
        yield return new RunUpdate.StepTimed("instructions", clock.Elapsed, tokens);

        yield return new RunUpdate.StatusChanged(RunStatus.Planning, "The agents are comparing the candidates");
        clock.Restart();
        var critique = Channel.CreateUnbounded<RunUpdate>();
        tokens = TokenTally.Start();
        var judging = Task.Run(async () =>
        {
            try
            {
                var verdict = await engine.Judge.JudgeAsync(
                    folder.Task, profile, [.. candidates.Select(c => c ?? "")],
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
        yield return new RunUpdate.StepTimed("judge", clock.Elapsed, tokens);
        yield return new RunUpdate.StatusChanged(RunStatus.AwaitingChoice, "Choose a candidate or accept the agents' choice");
    }

    public async IAsyncEnumerable<RunUpdate> BuildAsync(
        TaskFolder folder, DataProfile profile, string instruction, string runFolder,
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
            yield return new RunUpdate.StepTimed($"code: {stage.Slug()}", clock.Elapsed, tokens);
        }
        await foreach (var update in ExecuteAsync(folder, profile, instruction, stages, runFolder, "generated", cancellationToken))
        {
            yield return update;
        }
    }

    /// <summary>Runs the program; on failure asks the coder for a fix and reruns, at most <see cref="ExecutionOptions.MaxFixes"/> times.</summary>
    public async IAsyncEnumerable<RunUpdate> ExecuteAsync(
        TaskFolder folder, DataProfile profile, string instruction, IReadOnlyDictionary<CodeStage, string> stages,
        string runFolder, string trigger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await sandbox.CheckAsync(cancellationToken) is { } refusal)
        {
            yield return new RunUpdate.StatusChanged(RunStatus.Failed, refusal);
            yield break;
        }
        var work = PrepareWorkFolder(folder, runFolder);
        var current = stages.ToDictionary();
        for (var attempt = 1; ; attempt++)
        {
            yield return new RunUpdate.StatusChanged(RunStatus.Executing, attempt == 1 ? "Running the program in the sandbox" : $"Running fix {attempt - 1}");
            yield return new RunUpdate.AttemptStarted(attempt, attempt == 1 ? trigger : "fix");
            var program = ProgramAssembler.Assemble(folder.Task.Title, current);
            var findings = ValidityLint.Check(program, profile);
            yield return new RunUpdate.LintReported(findings);
            var script = Path.Combine(work, "solution.py");
            await File.WriteAllTextAsync(script, program, cancellationToken);
            File.Delete(Path.Combine(work, "submission.csv"));

            var lines = Channel.CreateUnbounded<OutputLine>();
            var running = sandbox.RunAsync(work, script, line => lines.Writer.TryWrite(line), cancellationToken)
                .ContinueWith(t => { lines.Writer.Complete(); return t; }, TaskScheduler.Default).Unwrap();
            double? score = null;
            var errors = new List<string>();
            await foreach (var line in lines.Reader.ReadAllAsync(CancellationToken.None))
            {
                score ??= ParseScore(line.Text);
                if (line.IsError)
                {
                    errors.Add(line.Text);
                }
                yield return new RunUpdate.OutputReceived(line);
            }
            var result = await running;
            var problems = result.Succeeded
                ? SubmissionCheck.Validate(Path.Combine(work, "submission.csv"), profile, folder)
                : [];
            var error = result switch
            {
                { Stopped: true } => "stopped before it finished",
                { LimitMessage: { } limit } => limit,
                { ExitCode: not 0 } => LastError(errors) ?? $"exit code {result.ExitCode}",
                _ when problems.Count > 0 => "the submission does not match the expected format: " + string.Join("; ", problems),
                _ when score is null => $"the program printed no {BaselineCodeWriter.ScoreMarker} line with its validation score",
                _ => null,
            };
            yield return new RunUpdate.AttemptFinished(result.ExitCode, error, score, result.Duration);
            yield return new RunUpdate.StepTimed($"execute: attempt {attempt}", result.Duration);
            if (result.Succeeded)
            {
                yield return new RunUpdate.SubmissionChecked(problems);
            }
            if (result.Stopped)
            {
                yield return new RunUpdate.StatusChanged(RunStatus.Stopped, "Stopped");
                yield break;
            }
            if (error is null)
            {
                CopyArtifacts(work, runFolder);
                yield return new RunUpdate.StatusChanged(RunStatus.Succeeded, $"Validation {folder.Metric.Name}: {score:0.#####}");
                yield break;
            }
            if (attempt > options.MaxFixes)
            {
                yield return new RunUpdate.StatusChanged(RunStatus.Failed,
                    options.MaxFixes == 0 ? $"The program failed: {error}" : $"The program still fails after {options.MaxFixes} fix attempts: {error}");
                yield break;
            }
            var request = new CodeRequest(folder, profile, instruction, current);
            var errorOutput = string.Join("\n", errors.TakeLast(40)) + "\n" + error
                + string.Concat(findings.Select(f => $"\nValidity problem ({f.Rule}): {f.Message}"));
            var clock = Stopwatch.StartNew();
            var tokens = TokenTally.Start();
            var fixedStages = await engine.Coder.FixAsync(request, current, errorOutput, cancellationToken);
            yield return new RunUpdate.StepTimed($"fix: attempt {attempt}", clock.Elapsed, tokens);
            if (fixedStages is null || CodeStages.All.All(s => fixedStages.GetValueOrDefault(s) == current.GetValueOrDefault(s)))
            {
                yield return new RunUpdate.StatusChanged(RunStatus.Failed, $"The program failed and the {engine.Name} engine has no repair for it: {error}");
                yield break;
            }
            foreach (var (stage, code) in fixedStages.Where(s => current.GetValueOrDefault(s.Key) != s.Value))
            {
                yield return new RunUpdate.StageReplaced(stage, code);
            }
            current = fixedStages.ToDictionary();
        }
    }

    /// <summary>
    /// Turns every candidate into code and runs it, each in its own branch folder (<see cref="BranchResult.Folder"/>),
    /// all at once: the sandbox's slots bound how many programs run together. The run's own code is untouched; each
    /// branch leaves its run.json, program, notebook and submission in its folder for <see cref="PromoteAsync"/>.
    /// </summary>
    public async IAsyncEnumerable<RunUpdate> CompareAsync(
        TaskFolder folder, RunSnapshot planned, string runFolder, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (planned.Profile is null || planned.Candidates.Count == 0)
        {
            throw new InvalidOperationException("Plan the run before comparing its candidates.");
        }
        yield return new RunUpdate.StatusChanged(RunStatus.Executing, $"Comparing the {planned.Candidates.Count} candidates: writing and running each one's code");
        var clock = Stopwatch.StartNew();
        var news = Channel.CreateUnbounded<RunUpdate>();
        var branches = planned.Candidates
            .Select((instruction, i) => RunBranchAsync(folder, planned, i + 1, instruction, BranchResult.Folder(runFolder, i + 1), news.Writer, cancellationToken))
            .ToList();
        var all = Task.WhenAll(branches).ContinueWith(t => news.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var update in news.Reader.ReadAllAsync(cancellationToken))
        {
            yield return update;
        }
        await all;
        var results = await Task.WhenAll(branches);
        yield return new RunUpdate.StepTimed("compare", clock.Elapsed);
        var metric = Metric.Parse(planned.Task.Metrics);
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
        string runFolder, int candidate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var branchFolder = BranchResult.Folder(runFolder, candidate);
        var branch = RunJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(branchFolder, "run.json"), cancellationToken));
        foreach (var artifact in new[] { "solution.py", "submission.csv" })
        {
            var source = Path.Combine(branchFolder, artifact);
            var target = Path.Combine(runFolder, artifact);
            if (File.Exists(source))
            {
                File.Copy(source, target, overwrite: true);
            }
            else
            {
                File.Delete(target);
            }
        }
        yield return new RunUpdate.BranchPromoted(branch);
    }

    private async Task<BranchResult> RunBranchAsync(
        TaskFolder folder, RunSnapshot planned, int candidate, string instruction, string branchFolder,
        ChannelWriter<RunUpdate> news, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(branchFolder);
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
        await File.WriteAllTextAsync(Path.Combine(branchFolder, "run.json"), RunJson.Serialize(run), CancellationToken.None);
        var result = Result();
        news.TryWrite(new RunUpdate.BranchChanged(result));
        return result;

        BranchResult Result() => new(candidate, run.StatusText, run.ValidationScore, run.Attempts.Count, Math.Round(clock.Elapsed.TotalSeconds, 2))
        {
            Message = run.Message,
            Stages = run.Stages,
        };
    }

    internal static double? ParseScore(string line)
    {
        var at = line.IndexOf(BaselineCodeWriter.ScoreMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(line[(at + BaselineCodeWriter.ScoreMarker.Length)..]);
            return json.RootElement.GetProperty("score") switch
            {
                { ValueKind: JsonValueKind.Number } number => number.GetDouble(),
                { ValueKind: JsonValueKind.String } text => double.Parse(text.GetString()!, CultureInfo.InvariantCulture),
                _ => null,
            };
        }
        catch (Exception error) when (error is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The last exception line of a traceback, which says what went wrong.</summary>
    private static string? LastError(List<string> errors) =>
        errors.LastOrDefault(e => e.Length > 0 && !e.StartsWith(' ') && e.Contains(':', StringComparison.Ordinal))
        ?? errors.LastOrDefault(e => e.Trim().Length > 0);

    /// <summary>The sandbox's folder: a private copy of the task's data files next to the program.</summary>
    private static string PrepareWorkFolder(TaskFolder folder, string runFolder)
    {
        var work = Directory.CreateDirectory(Path.Combine(runFolder, "work")).FullName;
        foreach (var file in Directory.EnumerateFiles(folder.Directory, "*.csv"))
        {
            var target = Path.Combine(work, Path.GetFileName(file));
            if (!File.Exists(target) || File.GetLastWriteTimeUtc(target) < File.GetLastWriteTimeUtc(file))
            {
                File.Copy(file, target, overwrite: true);
            }
        }
        return work;
    }

    private static void CopyArtifacts(string work, string runFolder)
    {
        File.Copy(Path.Combine(work, "solution.py"), Path.Combine(runFolder, "solution.py"), overwrite: true);
        File.Copy(Path.Combine(work, "submission.csv"), Path.Combine(runFolder, "submission.csv"), overwrite: true);
    }
}
