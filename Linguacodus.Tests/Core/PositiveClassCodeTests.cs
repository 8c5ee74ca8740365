using System.Globalization;
using System.Text;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>
/// The baseline program of a binary task whose positive class is not the last label in sort order, run by real Python:
/// its validation and its submission are both about the positive class, so both score well against the true answers.
/// </summary>
public sealed class PositiveClassCodeTests : IDisposable
{
    private const int TrainRows = 300;
    private const int TestRows = 120;

    private readonly string _dir = Directory.CreateTempSubdirectory("lc-positive-code-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

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
        var answers = WriteData(task, positive, negative, submissionColumn);
        var folder = TaskFolder.Create(task, new MlTask("Synthetic", taskText, "tabular", metricText, "y: the target", ""));
        var profile = DataProfiler.Profile(folder);
        Assert.Equal(positive, profile.PositiveClass);
        var request = new CodeRequest(folder, profile, "Use whatever works.", new Dictionary<CodeStage, string>());
        var stages = CodeStages.All.ToDictionary(s => s, s => BaselineCodeWriter.Write(request, s, robust: false));
        Assert.DoesNotContain(stages.Values, code => code.Contains("[:, 1]", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(task, "solution.py"), ProgramAssembler.Assemble("Synthetic", stages));

        var (exitCode, output) = await BaselineMetricTests.RunPythonAsync(task);

        Assert.True(exitCode == 0, output);
        var metric = folder.Metric;
        Assert.True(ScoreLine.TryParse(output.Split('\n').Single(l => l.StartsWith(ScoreLine.Marker, StringComparison.Ordinal)), out var validation));
        // The answers' true positive class, given apart from the profile, so a wrong class in the program shows.
        var answer = SubmissionScorer.Score(Path.Combine(task, "submission.csv"), answers, metric, "id", positiveClass: positive);
        var naive = SubmissionScorer.Naive(folder.TrainFile, answers, metric, "y", "id");
        Assert.True(metric.HigherIsBetter ? answer > naive + 0.2 : answer < naive - 0.2, $"{metric.Name}: answer {answer} vs naive {naive}");
        Assert.True(metric.HigherIsBetter ? validation > naive + 0.2 : validation < naive - 0.2, $"{metric.Name}: validation {validation} vs naive {naive}");
    }

    [Fact]
    public void Score_LoneColumnNamedAfterAClass_ScoresItAsThatClasssProbability()
    {
        var answers = Path.Combine(_dir, "answers.csv");
        File.WriteAllText(answers, "id,y\n1,alpha\n2,omega\n3,alpha\n4,omega\n");
        var submission = Path.Combine(_dir, "submission.csv");
        File.WriteAllText(submission, "id,alpha\n1,0.9\n2,0.2\n3,0.7\n4,0.1\n");

        var score = SubmissionScorer.Score(submission, answers, Metric.Parse("roc auc"), "id");

        Assert.Equal(1.0, score, 6);
    }

    /// <summary>Writes train, test and sample submission into the task folder and the answers beside it; returns the answers' path.</summary>
    private string WriteData(string task, string positive, string negative, string submissionColumn)
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

    private static string Csv(string header, IEnumerable<string> lines) => new StringBuilder(header).Append('\n').AppendJoin('\n', lines).Append('\n').ToString();
}
