using System.Globalization;
using System.Text;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>
/// The baseline program for several targets predicted together, run by real Python on synthetic data: the submission
/// holds every target column and passes the check, and both its validation and the scorer's answer beat naive.
/// </summary>
public sealed class MultiTargetBaselineTests : IDisposable
{
    private const int TrainRows = 400;
    private const int TestRows = 150;

    private readonly string _dir = Directory.CreateTempSubdirectory("lc-multi-target-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("mean columnwise rmse", "gradient boosting", true)]
    [InlineData("MCRMSE", "random forest", true)]
    [InlineData("MCRMSE", "ridge", false)]
    [InlineData("mean column-wise ROC AUC", "gradient boosting", true)]
    [InlineData("column-wise AUC", "logistic regression", false)]
    public async Task Baseline_SeveralTargets_SubmitsEveryTargetAndBeatsNaive(string metricText, string model, bool sample)
    {
        var task = Directory.CreateDirectory(Path.Combine(_dir, "task")).FullName;
        var binary = metricText.Contains("AUC", StringComparison.Ordinal);
        var answers = WriteData(task, binary ? ZeroOne : null, sample);
        var folder = TaskFolder.Create(task, new MlTask("Synthetic", "Predict the scores.", "tabular", metricText, "", ""));

        var (program, profile) = await BaselineMetricTests.SolveAndBeatNaiveAsync(folder, $"Use {model}.", answers);

        Assert.Equal(["wording", "content", "style"], profile.Targets);
        Assert.Contains("review", profile.Features.Select(c => c.Name));
        Assert.Empty(SubmissionCheck.Validate(Path.Combine(task, "submission.csv"), profile, folder));
        Assert.Empty(ValidityLint.Check(program, profile));
    }

    [Fact]
    public async Task Baseline_SeveralBinaryTargetsSpelledTheirOwnWay_SubmitsEachTargetsPositiveClass()
    {
        // For 'content' the positive class 'flagged' sorts first: the probability of the second label would be P(no).
        var task = Directory.CreateDirectory(Path.Combine(_dir, "task")).FullName;
        var answers = WriteData(task, [("no", "yes"), ("no", "flagged"), ("false", "true")], sample: true);
        var folder = TaskFolder.Create(task, new MlTask("Synthetic", "Predict the flags.", "tabular", "mean column-wise ROC AUC", "", ""));

        var (_, profile) = await BaselineMetricTests.SolveAndBeatNaiveAsync(folder, "Use logistic regression.", answers);

        Assert.Equal(new Dictionary<string, string> { ["wording"] = "yes", ["content"] = "flagged", ["style"] = "true" }, profile.TargetPositiveClasses);
        Assert.Contains("P(wording = yes), P(content = flagged), P(style = true)", PromptValues.Describe(profile));
        // Each column on its own against the truth (the scorer's conventional class): every one well above chance.
        var submission = CsvTable.Read(Path.Combine(task, "submission.csv"));
        var truth = CsvTable.Read(answers);
        foreach (var target in profile.Targets)
        {
            var column = Path.Combine(_dir, $"{target}.csv");
            var columnAnswers = Path.Combine(_dir, $"{target}-answers.csv");
            File.WriteAllText(column, Csv($"id,{target}", submission.Rows.Select(r => $"{r[0]},{r[submission.IndexOf(target)]}")));
            File.WriteAllText(columnAnswers, Csv($"id,{target}", truth.Rows.Select(r => $"{r[0]},{r[truth.IndexOf(target)]}")));
            var auc = SubmissionScorer.Score(column, columnAnswers, Metric.Parse("roc auc"), "id");
            Assert.True(auc > 0.7, $"{target}: AUC {auc}");
        }
    }

    private static readonly (string Negative, string Positive)[] ZeroOne = [("0", "1"), ("0", "1"), ("0", "1")];

    /// <summary>
    /// A CommonLit-like table: a number, a category and a short review text, and three targets that each depend on
    /// them differently (one mostly on the words). Returns the answers' path.
    /// </summary>
    /// <param name="labels">Each binary target's negative and positive label; null for numeric targets.</param>
    private string WriteData(string task, (string Negative, string Positive)[]? labels, bool sample)
    {
        var random = new Random(11);
        string[] good = ["clear", "vivid", "precise", "lively"];
        string[] poor = ["vague", "dull", "muddled", "flat"];
        var rows = Enumerable.Range(0, TrainRows + TestRows).Select(i =>
        {
            double x = random.NextDouble() * 4, noise = random.NextDouble() - 0.5;
            var level = random.Next(3);
            var positive = random.NextDouble() < 0.5;
            var words = Enumerable.Range(0, 6).Select(_ => random.NextDouble() < 0.5 ? (positive ? good : poor)[random.Next(4)] : "the").ToList();
            double wording = x + noise, content = (level * 1.5) - x / 2 + noise, style = (positive ? 2 : -2) + noise;
            var targets = new[] { wording, content, style }
                .Select((v, t) => labels is null ? v.ToString("0.###", CultureInfo.InvariantCulture) : v > 1 ? labels[t].Positive : labels[t].Negative);
            var features = $"{x.ToString("0.####", CultureInfo.InvariantCulture)},level{level},{string.Join(' ', words)} review {i % 17}";
            return (Id: 1000 + i, Features: features, Targets: string.Join(',', targets));
        }).ToList();
        File.WriteAllText(Path.Combine(task, "train.csv"), Csv("id,x,grade,review,wording,content,style", rows.Take(TrainRows).Select(r => $"{r.Id},{r.Features},{r.Targets}")));
        File.WriteAllText(Path.Combine(task, "test.csv"), Csv("id,x,grade,review", rows.Skip(TrainRows).Select(r => $"{r.Id},{r.Features}")));
        if (sample)
        {
            // Listed in reverse id order: predictions are matched by id, not by position.
            File.WriteAllText(Path.Combine(task, "sample_submission.csv"), Csv("id,wording,content,style", rows.Skip(TrainRows).Reverse().Select(r => $"{r.Id},0,0,0")));
        }
        var answers = Path.Combine(_dir, "answers.csv");
        File.WriteAllText(answers, Csv("id,wording,content,style", rows.Skip(TrainRows).Select(r => $"{r.Id},{r.Targets}")));
        return answers;
    }

    private static string Csv(string header, IEnumerable<string> lines) => new StringBuilder(header).Append('\n').AppendJoin('\n', lines).Append('\n').ToString();
}
