using System.Diagnostics;
using System.Globalization;
using System.Text;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>
/// The baseline program for each newer metric, run by real Python on synthetic data: it prints its score line, and its
/// validation and the scorer's answer score both beat the naive prediction, so the two computations agree.
/// </summary>
public sealed class BaselineMetricTests : IDisposable
{
    private const int TrainRows = 400;
    private const int TestRows = 150;

    private readonly string _dir = Directory.CreateTempSubdirectory("lc-baseline-metric-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("RMSLE", "amount", false)]
    [InlineData("quadratic weighted kappa", "rating", false)]
    [InlineData("MAP@3", "label", false)]
    [InlineData("macro-F1", "label", false)]
    [InlineData("micro F1", "label", false)]
    [InlineData("multi-class logarithmic loss", "label", true)]
    public async Task Baseline_Metric_ValidatesAndSubmitsWhatTheScorerScores(string metricText, string target, bool perClassSubmission)
    {
        var task = Directory.CreateDirectory(Path.Combine(_dir, "task")).FullName;
        var answers = WriteData(task, target, perClassSubmission);
        var folder = TaskFolder.Create(task, new MlTask("Synthetic", $"Predict {target}.", "tabular", metricText, "", ""));

        await SolveAndBeatNaiveAsync(folder, "Use whatever works.", answers);
    }

    /// <summary>
    /// Writes the baseline program for the folder's task, runs it with real Python, and checks that it printed its score
    /// line and that its validation and the scorer's answer both beat naive; returns the program and the profile.
    /// </summary>
    internal static async Task<(string Program, DataProfile Profile)> SolveAndBeatNaiveAsync(TaskFolder folder, string instruction, string answers)
    {
        var profile = DataProfiler.Profile(folder);
        var request = new CodeRequest(folder, profile, instruction, new Dictionary<CodeStage, string>());
        var program = ProgramAssembler.Assemble("Synthetic", CodeStages.All.ToDictionary(s => s, s => BaselineCodeWriter.Write(request, s, robust: false)));
        await File.WriteAllTextAsync(Path.Combine(folder.Directory, "solution.py"), program);

        var (exitCode, output) = await RunPythonAsync(folder.Directory);

        Assert.True(exitCode == 0, output);
        var metric = folder.Metric;
        var line = output.Split('\n').Single(l => l.StartsWith(ScoreLine.Marker, StringComparison.Ordinal));
        Assert.Contains($"\"metric\": \"{metric.Name}\"", line);
        Assert.True(ScoreLine.TryParse(line, out var validation, out var programNaive), line);
        // The program's own naive score, on its validation rows with the same metric, is printed and beaten too.
        Assert.True(programNaive is { } n && (metric.HigherIsBetter ? validation > n : validation < n), $"{metric.Name}: validation {validation} vs the program's naive {programNaive}");
        Assert.DoesNotContain("skipped", output, StringComparison.Ordinal);
        var answer = SubmissionScorer.Score(Path.Combine(folder.Directory, "submission.csv"), answers, metric, profile.IdColumn);
        var naive = SubmissionScorer.Naive(folder.TrainFile, answers, metric, profile.TargetColumn, profile.IdColumn);
        Assert.True(metric.HigherIsBetter ? answer > naive : answer < naive, $"{metric.Name}: answer {answer} vs naive {naive}");
        Assert.True(metric.HigherIsBetter ? validation > naive : validation < naive, $"{metric.Name}: validation {validation} vs naive {naive}");
        return (program, profile);
    }

    [Theory]
    // Text labels, the submission column named after the first of them.
    [InlineData("alpha", "omega", "alpha", "Predict the target.", "roc auc")]
    // Integer labels as pandas reads them, the text asking for class 0; scored as binary log loss too.
    [InlineData("0", "1", "y", "Predict the probability of class 0 for every row.", "roc auc")]
    [InlineData("0", "1", "y", "Predict the probability of class 0 for every row.", "log loss")]
    public async Task Baseline_PositiveClassFirstInSortOrder_ValidatesAndSubmitsItsProbability(
        string positive, string negative, string submissionColumn, string taskText, string metricText)
    {
        var task = Directory.CreateDirectory(Path.Combine(_dir, "task")).FullName;
        var answers = WriteBinaryData(task, positive, negative, submissionColumn);
        var folder = TaskFolder.Create(task, new MlTask("Synthetic", taskText, "tabular", metricText, "y: the target", ""));
        var profile = DataProfiler.Profile(folder);
        Assert.Equal(positive, profile.PositiveClass);
        var request = new CodeRequest(folder, profile, "Use whatever works.", new Dictionary<CodeStage, string>());
        var stages = CodeStages.All.ToDictionary(s => s, s => BaselineCodeWriter.Write(request, s, robust: false));
        Assert.DoesNotContain(stages.Values, code => code.Contains("[:, 1]", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(task, "solution.py"), ProgramAssembler.Assemble("Synthetic", stages));

        var (exitCode, output) = await RunPythonAsync(task);

        Assert.True(exitCode == 0, output);
        var metric = folder.Metric;
        Assert.True(ScoreLine.TryParse(output.Split('\n').Single(l => l.StartsWith(ScoreLine.Marker, StringComparison.Ordinal)), out var validation, out var programNaive));
        // Naive: the training class frequencies as probabilities, 0.5 AUC; their log loss.
        Assert.True(programNaive is { } n && (metric.HigherIsBetter ? validation > n + 0.2 : validation < n - 0.2), $"{metric.Name}: validation {validation} vs the program's naive {programNaive}");
        // The answers' true positive class, given apart from the profile, so a wrong class in the program shows.
        var answer = SubmissionScorer.Score(Path.Combine(task, "submission.csv"), answers, metric, "id", positiveClass: positive);
        var naive = SubmissionScorer.Naive(folder.TrainFile, answers, metric, "y", "id");
        Assert.True(metric.HigherIsBetter ? answer > naive + 0.2 : answer < naive - 0.2, $"{metric.Name}: answer {answer} vs naive {naive}");
        Assert.True(metric.HigherIsBetter ? validation > naive + 0.2 : validation < naive - 0.2, $"{metric.Name}: validation {validation} vs naive {naive}");
    }

    /// <summary>Binary data whose label is <paramref name="positive"/> where x1 is large; returns the answers' path.</summary>
    private string WriteBinaryData(string task, string positive, string negative, string submissionColumn)
    {
        var random = new Random(11);
        var rows = Enumerable.Range(0, TrainRows + TestRows).Select(i =>
        {
            double x1 = random.NextDouble() * 4, x2 = random.NextDouble() * 4, noise = random.NextDouble() - 0.5;
            var label = x1 + noise > 2 ? positive : negative;
            return $"{1000 + i},{x1.ToString("0.####", CultureInfo.InvariantCulture)},{x2.ToString("0.####", CultureInfo.InvariantCulture)},{label}";
        }).ToList();
        File.WriteAllText(Path.Combine(task, "train.csv"), Csv("id,x1,x2,y", rows.Take(TrainRows)));
        var test = rows.Skip(TrainRows).Select(r => r.Split(',')).ToList();
        File.WriteAllText(Path.Combine(task, "test.csv"), Csv("id,x1,x2", test.Select(r => string.Join(',', r[..3]))));
        File.WriteAllText(Path.Combine(task, "sample_submission.csv"), Csv($"id,{submissionColumn}", test.Select(r => $"{r[0]},0.5")));
        var answers = Path.Combine(_dir, "answers.csv");
        File.WriteAllText(answers, Csv("id,y", test.Select(r => $"{r[0]},{r[3]}")));
        return answers;
    }

    /// <summary>Writes train, test and sample submission into the task folder and the answers beside it; returns the answers' path.</summary>
    private string WriteData(string task, string target, bool perClassSubmission)
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, TrainRows + TestRows).Select(i =>
        {
            double x1 = random.NextDouble() * 4, x2 = random.NextDouble() * 4, noise = random.NextDouble() - 0.5;
            var value = target switch
            {
                "amount" => (Math.Exp(x1) * (1 + x2) + 5 * (noise + 0.5)).ToString("0.###", CultureInfo.InvariantCulture),
                "rating" => ((int)Math.Clamp(Math.Round(x1 + noise), 0, 4)).ToString(CultureInfo.InvariantCulture),
                _ => ((x1 + noise / 2 > 2, x2 > 2) switch { (false, false) => "a", (false, true) => "b", (true, false) => "c", _ => "d" }),
            };
            return (Id: 1000 + i, X1: x1.ToString("0.####", CultureInfo.InvariantCulture), X2: x2.ToString("0.####", CultureInfo.InvariantCulture), Value: value);
        }).ToList();
        // Per-class columns not in sorted order: the program must write each by its class, not by position.
        string[] classes = ["c", "a", "d", "b"];
        File.WriteAllText(Path.Combine(task, "train.csv"), Csv($"id,x1,x2,{target}", rows.Take(TrainRows).Select(r => $"{r.Id},{r.X1},{r.X2},{r.Value}")));
        File.WriteAllText(Path.Combine(task, "test.csv"), Csv("id,x1,x2", rows.Skip(TrainRows).Select(r => $"{r.Id},{r.X1},{r.X2}")));
        File.WriteAllText(Path.Combine(task, "sample_submission.csv"), perClassSubmission
            ? Csv($"id,{string.Join(',', classes)}", rows.Skip(TrainRows).Select(r => $"{r.Id},0.25,0.25,0.25,0.25"))
            : Csv($"id,{target}", rows.Skip(TrainRows).Select(r => $"{r.Id},0")));
        var answers = Path.Combine(_dir, "answers.csv");
        File.WriteAllText(answers, Csv($"id,{target}", rows.Skip(TrainRows).Select(r => $"{r.Id},{r.Value}")));
        return answers;
    }

    internal static string Csv(string header, IEnumerable<string> lines) => new StringBuilder(header).Append('\n').AppendJoin('\n', lines).Append('\n').ToString();

    /// <summary>Runs solution.py in <paramref name="folder"/> with the Python the sandbox uses; other baseline tests share it.</summary>
    internal static async Task<(int ExitCode, string Output)> RunPythonAsync(string folder)
    {
        var start = new ProcessStartInfo(SklearnMetric.PythonPath, "solution.py")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
