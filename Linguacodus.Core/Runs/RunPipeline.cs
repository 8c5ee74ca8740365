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
