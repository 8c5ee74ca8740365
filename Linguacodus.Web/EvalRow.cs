using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Web;

/// <summary>One task's line of `eval`: was the submission valid, how did it score against the answers and a naive baseline.</summary>
/// <param name="Family">The model family the chosen instruction asks for; null when nothing was chosen.</param>
/// <param name="SimilarCase">The most similar remembered case planning was given (the one the baseline ranks by); null for none.</param>
/// <param name="Pass">With --memory-from, which pass the row belongs to (<see cref="Passes"/>); null in a plain eval.</param>
internal sealed record EvalRow(
    string Task,
    string Metric,
    bool ValidSubmission,
    double? ValidationScore,
    double? AnswerScore,
    double? NaiveScore,
    bool? BetterThanNaive,
    int FixAttempts,
    double WallSeconds,
    IReadOnlyDictionary<string, double> StepSeconds,
    string? Error,
    string? Family = null,
    string? SimilarCase = null,
    double? Similarity = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pass = null)
{
    /// <summary>The passes of `eval --memory-from`, as eval.json's "pass" names them.</summary>
    public static class Passes
    {
        public const string Memory = "memory";
        public const string Without = "without-memory";
        public const string With = "with-memory";
    }

    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private static readonly string[] TableSteps = ["profile", "instructions", "code", "execute"];

    public static EvalRow Score(string name, RunSnapshot run, string taskDirectory, string outDirectory, string answersFile, TimeSpan wall)
    {
        var metric = run.Task.Metric;
        var valid = Cli.SolveCommand.IsValid(run);
        double? answer = null, naive = null;
        string? error = valid ? null : run.Message;
        if (valid && File.Exists(answersFile) && run.Profile is { } profile)
        {
            try
            {
                answer = SubmissionScorer.Score(Path.Combine(outDirectory, "submission.csv"), answersFile, metric, profile.SubmissionKey);
                naive = SubmissionScorer.Naive(TaskFolder.Load(taskDirectory).TrainFile, answersFile, metric, profile.TargetColumn, profile.SubmissionKey);
            }
            catch (FormatException scoring)
            {
                error = scoring.Message;
            }
        }
        var steps = run.Timings
            .GroupBy(t => t.Step.Split(':')[0])
            .ToDictionary(g => g.Key, g => Math.Round(g.Sum(t => t.Seconds), 2));
        return new EvalRow(
            name, metric.Name, valid, run.ValidationScore, answer, naive,
            answer is { } a && naive is { } n ? (metric.HigherIsBetter ? a > n : a < n) : null,
            Math.Max(0, run.Attempts.Count(x => x.Trigger == AttemptTrigger.Fix)),
            Math.Round(wall.TotalSeconds, 2), steps, error,
            run.ChosenInstruction is { } chosen ? CaseMemory.FamilyOf(chosen) : null,
            run.Similar.FirstOrDefault()?.Title, run.Similar.FirstOrDefault()?.Similarity);
    }

    public static string Table(IEnumerable<EvalRow> rows)
    {
        var table = new StringBuilder()
            .AppendLine("| task | metric | valid | validation | answer | naive | beats naive | fixes | solve s | profile / plan / code / run s |")
            .AppendLine("|---|---|---|---:|---:|---:|---|---:|---:|---|");
        foreach (var row in rows)
        {
            var steps = string.Join(" / ", TableSteps.Select(s => row.StepSeconds.GetValueOrDefault(s).ToString("0.00")));
            table.AppendLine($"| {row.Task} | {row.Metric} | {(row.ValidSubmission ? "yes" : "no")} | {Number(row.ValidationScore)} | {Number(row.AnswerScore)} | {Number(row.NaiveScore)} | {Beats(row)} | {row.FixAttempts} | {row.WallSeconds:0.0} | {steps} |");
        }
        return table.ToString();
    }

    /// <summary>
    /// The two passes of `eval --memory-from` side by side, matched by task: what each scored on the answers, whether
    /// it beat the naive baseline, which family it chose, and the case the pass with memory was given.
    /// </summary>
    public static string SideBySide(IReadOnlyList<EvalRow> without, IReadOnlyList<EvalRow> with)
    {
        var table = new StringBuilder()
            .AppendLine("| task | metric | naive | answer, no memory | beats naive | family | answer, memory | beats naive | family | similar case (cosine) |")
            .AppendLine("|---|---|---:|---:|---|---|---:|---|---|---|");
        var withByTask = with.ToDictionary(r => r.Task);
        foreach (var row in without)
        {
            var other = withByTask.GetValueOrDefault(row.Task);
            var similar = other?.SimilarCase is { } title ? $"{title} ({other.Similarity:0.00})" : "-";
            table.AppendLine($"| {row.Task} | {row.Metric} | {Number(row.NaiveScore ?? other?.NaiveScore)} | {Number(row.AnswerScore)} | {Beats(row)} | {row.Family ?? "-"} | {Number(other?.AnswerScore)} | {Beats(other)} | {other?.Family ?? "-"} | {similar} |");
        }
        return table.ToString();
    }

    /// <summary>One line on what memory changed: tasks given a case, tasks that chose another family, tasks that scored otherwise.</summary>
    public static string Changes(IReadOnlyList<EvalRow> without, IReadOnlyList<EvalRow> with, int cases)
    {
        var pairs = without.Join(with, r => r.Task, r => r.Task, (a, b) => (Without: a, With: b)).ToList();
        var given = pairs.Count(p => p.With.SimilarCase is not null);
        var family = pairs.Count(p => p.Without.Family != p.With.Family);
        var score = pairs.Count(p => Number(p.Without.AnswerScore) != Number(p.With.AnswerScore));
        return $"{cases} {(cases == 1 ? "case" : "cases")} remembered; with memory {given} of {pairs.Count} tasks were given a similar case, {family} chose another family, {score} scored otherwise on the answers.";
    }

    private static string Beats(EvalRow? row) => row?.BetterThanNaive switch { true => "yes", false => "no", _ => "-" };

    private static string Number(double? value) => value is { } v ? v.ToString("0.####") : "-";
}
