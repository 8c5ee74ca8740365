using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Runs;

public sealed partial class RunPipeline
{
    /// <summary>Runs the program; on failure asks the coder for a fix and reruns, at most <see cref="ExecutionOptions.MaxFixes"/> times.</summary>
    public async IAsyncEnumerable<RunUpdate> ExecuteAsync(
        TaskFolder folder, DataProfile profile, string instruction, IReadOnlyDictionary<CodeStage, string> stages,
        RunLayout run, AttemptTrigger trigger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await sandbox.CheckAsync(cancellationToken) is { } refusal)
        {
            yield return new RunUpdate.StatusChanged(RunStatus.Failed, refusal);
            yield break;
        }
        var work = Directory.CreateDirectory(run.Work).FullName;
        var current = stages.ToDictionary();
        for (var attempt = 1; ; attempt++)
        {
            yield return new RunUpdate.StatusChanged(RunStatus.Executing, attempt == 1 ? "Running the program in the sandbox" : $"Running fix {attempt - 1}");
            yield return new RunUpdate.AttemptStarted(attempt, attempt == 1 ? trigger : AttemptTrigger.Fix);
            var program = ProgramAssembler.Assemble(folder.Task.Title, current);
            var findings = ValidityLint.Check(program, profile);
            yield return new RunUpdate.LintReported(findings);
            await File.WriteAllTextAsync(run.WorkScript, program, cancellationToken);
            File.Delete(run.WorkSubmission);

            var lines = Channel.CreateUnbounded<OutputLine>();
            var running = sandbox.RunAsync(work, run.WorkScript, folder.Layout.SandboxInputs, line => lines.Writer.TryWrite(line), cancellationToken)
                .ContinueWith(t => { lines.Writer.Complete(); return t; }, TaskScheduler.Default).Unwrap();
            double? score = null;
            double? naive = null;
            var errors = new List<string>();
            await foreach (var line in lines.Reader.ReadAllAsync(CancellationToken.None))
            {
                if (score is null && ScoreLine.TryParse(line.Text, out var read, out var readNaive))
                {
                    (score, naive) = (read, readNaive);
                }
                if (line.IsError)
                {
                    errors.Add(line.Text);
                }
                yield return new RunUpdate.OutputReceived(line);
            }
            var result = await running;
            var problems = result.Succeeded
                ? SubmissionCheck.Validate(run.WorkSubmission, profile, folder)
                : [];
            var error = result switch
            {
                { Stopped: true } => "stopped before it finished",
                { LimitMessage: { } limit } => limit,
                { ExitCode: not 0 } => LastError(errors) ?? $"exit code {result.ExitCode}",
                _ when problems.Count > 0 => "the submission does not match the expected format: " + string.Join("; ", problems),
                _ when score is null => $"the program printed no {ScoreLine.Marker} line with its validation score",
                _ => null,
            };
            yield return new RunUpdate.AttemptFinished(result.ExitCode, error, score, result.Duration, naive);
            yield return new RunUpdate.StepTimed(RunSteps.Execute(attempt), result.Duration);
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
                CopyArtifacts(run);
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
            yield return new RunUpdate.StepTimed(RunSteps.Fix(attempt), clock.Elapsed, tokens);
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

    internal static double? ParseScore(string line) => ScoreLine.TryParse(line, out var score) ? score : null;

    /// <summary>The last exception line of a traceback, which says what went wrong.</summary>
    private static string? LastError(List<string> errors) =>
        errors.LastOrDefault(e => e.Length > 0 && !e.StartsWith(' ') && e.Contains(':', StringComparison.Ordinal))
        ?? errors.LastOrDefault(e => e.Trim().Length > 0);

    private static void CopyArtifacts(RunLayout run)
    {
        File.Copy(run.WorkScript, run.Script, overwrite: true);
        File.Copy(run.WorkSubmission, run.Submission, overwrite: true);
    }
}
