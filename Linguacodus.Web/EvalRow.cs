using System.Text;
using System.Text.Json;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Web;

/// <summary>One task's line of `eval`: was the submission valid, how did it score against the answers and a naive baseline.</summary>
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
    string? Error)
{
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
            Math.Round(wall.TotalSeconds, 2), steps, error);
    }

    public static string Table(IEnumerable<EvalRow> rows)
    {
        var table = new StringBuilder()
            .AppendLine("| task | metric | valid | validation | answer | naive | beats naive | fixes | solve s | profile / plan / code / run s |")
            .AppendLine("|---|---|---|---:|---:|---:|---|---:|---:|---|");
        foreach (var row in rows)
        {
            var steps = string.Join(" / ", TableSteps.Select(s => row.StepSeconds.GetValueOrDefault(s).ToString("0.00")));
            table.AppendLine($"| {row.Task} | {row.Metric} | {(row.ValidSubmission ? "yes" : "no")} | {Number(row.ValidationScore)} | {Number(row.AnswerScore)} | {Number(row.NaiveScore)} | {row.BetterThanNaive switch { true => "yes", false => "no", _ => "-" }} | {row.FixAttempts} | {row.WallSeconds:0.0} | {steps} |");
        }
        return table.ToString();
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.####") : "-";
}
