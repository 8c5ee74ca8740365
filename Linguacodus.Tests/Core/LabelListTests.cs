using System.Globalization;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Core;

/// <summary>Label-list answers (multi-label and MAP@k top-k): told from the data, checked, scored and solved by the baseline.</summary>
public sealed class LabelListTests : IDisposable
{
    private static readonly string[] Tags = ["a", "b", "c"];

    private readonly string _dir = Directory.CreateTempSubdirectory("lc-label-list-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Profile_DigitTags_RecordsSeveralLabelsPerRowAndTellsThePrompt()
    {
        var profile = DataProfiler.Profile(TaskFolder.Load(Repository.Example("digit-tags")));

        Assert.NotNull(profile.LabelList);
        Assert.True(profile.LabelList.SeveralPerRow);
        Assert.Equal(["even", "large", "loop", "odd", "prime"], profile.LabelList.Labels);
        Assert.Equal(0, profile.LabelList.K);
        Assert.Contains("answer: space-separated labels, one or more per row", PromptValues.Describe(profile));
    }

    [Theory]
    // Names of several words repeat few of their words: they are classes, not label lists.
    [InlineData("New York|Los Angeles|San Francisco|Las Vegas|Salt Lake City|Kansas City", "accuracy", false, false, 0)]
    [InlineData("a|b|c|d", "accuracy", false, false, 0)]
    // One class per row ranked under MAP@3: a top-k answer over the classes.
    [InlineData("a|b|c|d", "MAP@3", true, false, 3)]
    [InlineData("a b|b|a c|b c d|d|a d", "MAP@2", true, true, 2)]
    [InlineData("x y|y|x z|y z|z|x y z", "samples f1", true, true, 0)]
    public void Detect_TargetValues_TellsLabelLists(string values, string metric, bool expected, bool severalPerRow, int k)
    {
        var distinct = values.Split('|');

        var list = LabelList.Detect(distinct, [.. distinct.Order(StringComparer.Ordinal)], Metric.Parse(metric));

        Assert.Equal(expected, list is not null);
        Assert.Equal(severalPerRow, list?.SeveralPerRow ?? false);
        Assert.Equal(k, list?.K ?? 0);
    }

    [Theory]
    [InlineData("mean F1", MetricKind.SamplesF1)]
    [InlineData("samples-F1", MetricKind.SamplesF1)]
    [InlineData("F1 (samples)", MetricKind.SamplesF1)]
    public void Parse_SamplesF1Names_GivesSamplesF1(string name, MetricKind kind) => Assert.Equal(kind, Metric.Parse(name).Kind);

    [Theory]
    [InlineData("odd prime", null)]
    [InlineData("odd seven", "line 3: 'tags' holds 'seven', which is no label seen in training")]
    [InlineData(" ", "empty values")]
    [InlineData("odd odd", "line 3: 'tags' names a label twice")]
    public void Validate_LabelListSubmission_NamesTheRowWithAnUnknownLabel(string secondAnswer, string? problem)
    {
        var folder = TaskFolder.Load(Repository.Example("digit-tags"));
        var profile = DataProfiler.Profile(folder);
        var lines = File.ReadAllLines(Path.Combine(folder.Directory, "sample_submission.csv"));
        lines[2] = lines[2].Split(',')[0] + "," + secondAnswer;
        var submission = Path.Combine(_dir, "submission.csv");
        File.WriteAllLines(submission, lines);

        var problems = SubmissionCheck.Validate(submission, profile, folder);

        if (problem is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_MoreLabelsThanK_SaysHowManyTheMetricCounts()
    {
        var (folder, _) = WriteTask("MAP@2");
        var profile = DataProfiler.Profile(folder);
        var ids = File.ReadAllLines(folder.TestFile!).Skip(1).Select(l => l.Split(',')[0]).ToList();
        var submission = Path.Combine(_dir, "submission.csv");
        File.WriteAllText(submission, BaselineMetricTests.Csv("id,tags", ids.Select((id, i) => $"{id},{(i == 4 ? "a b c" : "a b")}")));

        var problems = SubmissionCheck.Validate(submission, profile, folder);

        Assert.Equal(["submission.csv, line 6: 'tags' holds 3 labels, more than the 2 the metric counts; each answer is space-separated labels."], problems);
    }

    [Theory]
    [InlineData("samples f1")]
    [InlineData("MAP@2")]
    [InlineData("accuracy")]
    public async Task Baseline_MultiLabelTarget_ValidatesAndSubmitsLabelListsThatBeatNaive(string metric)
    {
        var (folder, answers) = WriteTask(metric);

        var (program, profile) = await BaselineMetricTests.SolveAndBeatNaiveAsync(folder, "Use whatever works.", answers);

        Assert.True(profile.LabelList?.SeveralPerRow);
        Assert.Contains("MultiLabelBinarizer", program, StringComparison.Ordinal);
        Assert.Empty(SubmissionCheck.Validate(Path.Combine(folder.Directory, "submission.csv"), profile, folder));
    }

    [Fact]
    public void Score_AccuracyOfLabelLists_CountsALabelSetInAnyOrderAsTheSameAnswer()
    {
        var answers = Path.Combine(_dir, "answers.csv");
        var submission = Path.Combine(_dir, "submission.csv");
        File.WriteAllText(answers, "id,tags\n1,a b\n2,b\n3,a c\n4,b c\n");
        File.WriteAllText(submission, "id,tags\n1,b a\n2,b\n3,c  a a\n4,b\n");

        var score = SubmissionScorer.Score(submission, answers, Metric.Parse("accuracy"), "id");

        Assert.Equal(0.75, score, 6);
    }

    /// <summary>Tags a, b, c where x1, x2, x3 are large (d when none is): a multi-label target; returns the answers' path.</summary>
    private (TaskFolder Folder, string Answers) WriteTask(string metric)
    {
        var task = Directory.CreateDirectory(Path.Combine(_dir, "task")).FullName;
        var random = new Random(5);
        var rows = Enumerable.Range(0, 500).Select(i =>
        {
            var x = Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 4).ToArray();
            var tags = string.Join(' ', Tags.Where((_, j) => x[j] + ((random.NextDouble() - 0.5) / 2) > 2));
            var features = string.Join(',', x.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)));
            return (Id: 1000 + i, Features: features, Tags: tags.Length == 0 ? "d" : tags);
        }).ToList();
        File.WriteAllText(Path.Combine(task, "train.csv"), BaselineMetricTests.Csv("id,x1,x2,x3,tags", rows.Take(380).Select(r => $"{r.Id},{r.Features},{r.Tags}")));
        File.WriteAllText(Path.Combine(task, "test.csv"), BaselineMetricTests.Csv("id,x1,x2,x3", rows.Skip(380).Select(r => $"{r.Id},{r.Features}")));
        File.WriteAllText(Path.Combine(task, "sample_submission.csv"), BaselineMetricTests.Csv("id,tags", rows.Skip(380).Select(r => $"{r.Id},a")));
        var answers = Path.Combine(_dir, "answers.csv");
        File.WriteAllText(answers, BaselineMetricTests.Csv("id,tags", rows.Skip(380).Select(r => $"{r.Id},{r.Tags}")));
        return (TaskFolder.Create(task, new MlTask("Tags", "Predict the tags of each row.", "tabular", metric, "", "")), answers);
    }
}
