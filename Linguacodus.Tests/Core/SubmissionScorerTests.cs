using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

public sealed class SubmissionScorerTests : IDisposable
{
    private const int Precision = 6;

    private readonly string _dir = Directory.CreateTempSubdirectory("lc-score-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Score_RocAucWithTies_CountsTiesAsHalf()
    {
        // Positives score 0.5 and 0.9, negatives 0.5 and 0.2: pairs won 1 + 1 + 1 + 0.5 of 4.
        var answers = Write("answers.csv", "id,y\n1,0\n2,1\n3,0\n4,1\n");
        var submission = Write("submission.csv", "id,y\n4,0.9\n3,0.2\n2,0.5\n1,0.5\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.RocAuc), "id");

        Assert.Equal(0.875, score, Precision);
    }

    [Fact]
    public void Score_RocAucWordLabels_TakesSecondSortedClassAsPositive()
    {
        var answers = Write("answers.csv", "y\nno\nno\nyes\nyes\n");
        var submission = Write("submission.csv", "y\n0.1\n0.4\n0.35\n0.8\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.RocAuc), idColumn: null);

        Assert.Equal(0.75, score, Precision);
    }

    [Theory]
    [InlineData(MetricKind.Rmse, 1.1547005383792515)]
    [InlineData(MetricKind.Mae, 2.0 / 3)]
    [InlineData(MetricKind.R2, -1.0)]
    public void Score_ThreeRowRegression_MatchesHandComputedValue(MetricKind kind, double expected)
    {
        var answers = Write("answers.csv", "id,y\na,1\nb,2\nc,3\n");
        var submission = Write("submission.csv", "id,prediction\nc,5\na,1\nb,2\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(kind), "id");

        Assert.Equal(expected, score, Precision);
    }

    [Fact]
    public void Score_AccuracyWithNumericSpellings_ComparesNumbers()
    {
        var answers = Write("answers.csv", "y\n1\n0\n1\n");
        var submission = Write("submission.csv", "y\n1.0\n 0\n0\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.Accuracy), idColumn: null);

        Assert.Equal(2.0 / 3, score, Precision);
    }

    [Fact]
    public void Score_LoneColumnNamedAfterAClass_ScoresItAsThatClasssProbability()
    {
        // "alpha" sorts first; the column says its probability is what the submission holds.
        var answers = Write("answers.csv", "id,y\n1,alpha\n2,omega\n3,alpha\n4,omega\n");
        var submission = Write("submission.csv", "id,alpha\n1,0.9\n2,0.2\n3,0.7\n4,0.1\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.RocAuc), "id");

        Assert.Equal(1.0, score, Precision);
    }

    [Fact]
    public void Score_NamedPositiveClass_WinsOverTheConvention()
    {
        var answers = Write("answers.csv", "y\n1\n0\n1\n0\n");
        var submission = Write("submission.csv", "y\n0.1\n0.8\n0.3\n0.9\n");

        Assert.Equal(1.0, SubmissionScorer.Score(submission, answers, new Metric(MetricKind.RocAuc), idColumn: null, positiveClass: "0"), Precision);
        Assert.Equal(0.0, SubmissionScorer.Score(submission, answers, new Metric(MetricKind.RocAuc), idColumn: null), Precision);
        Assert.Throws<FormatException>(() => SubmissionScorer.Score(submission, answers, new Metric(MetricKind.RocAuc), idColumn: null, positiveClass: "2"));
    }

    [Fact]
    public void Score_BinaryF1_UsesPositiveClass()
    {
        // tp = 2, fp = 1, fn = 1.
        var answers = Write("answers.csv", "y\n1\n0\n1\n1\n");
        var submission = Write("submission.csv", "y\n1\n1\n0\n1\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.F1), idColumn: null);

        Assert.Equal(4.0 / 6, score, Precision);
    }

    [Fact]
    public void Score_MulticlassF1_IsMacroAverage()
    {
        // a: 2/3, b: 2/3, c: 0.
        var answers = Write("answers.csv", "y\na\nb\nc\na\n");
        var submission = Write("submission.csv", "y\na\nb\nb\nc\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.F1), idColumn: null);

        Assert.Equal(4.0 / 9, score, Precision);
    }

    [Fact]
    public void Score_LogLoss_MatchesHandComputedValue()
    {
        var answers = Write("answers.csv", "y\n1\n0\n");
        var submission = Write("submission.csv", "y\n0.8\n0.3\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.LogLoss), idColumn: null);

        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.7)) / 2, score, Precision);
    }

    [Fact]
    public void Score_LogLossCertainAndWrong_IsClippedNotInfinite()
    {
        var answers = Write("answers.csv", "y\n1\n");
        var submission = Write("submission.csv", "y\n0\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.LogLoss), idColumn: null);

        Assert.Equal(-Math.Log(1e-15), score, Precision);
    }

    [Fact]
    public void Score_MeanColumnwiseRmse_AveragesColumns()
    {
        var answers = Write("answers.csv", "id,a,b\n1,1,0\n2,2,0\n");
        var submission = Write("submission.csv", "id,a,b\n2,4,1\n1,1,1\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.MeanColumnwiseRmse), "id");

        Assert.Equal((Math.Sqrt(2) + 1) / 2, score, Precision);
    }

    [Fact]
    public void Score_IdMissingFromSubmission_ThrowsFormatException()
    {
        var answers = Write("answers.csv", "id,y\n1,1\n2,2\n");
        var submission = Write("submission.csv", "id,y\n1,1\n3,2\n");

        var e = Assert.Throws<FormatException>(
            () => SubmissionScorer.Score(submission, answers, new Metric(MetricKind.Rmse), "id"));

        Assert.Contains("1 id values of answers.csv are missing from submission.csv (first: 2).", e.Message);
        Assert.Contains("1 id values in submission.csv are not in answers.csv (first: 3).", e.Message);
    }

    [Fact]
    public void Score_RepeatedSubmissionId_ThrowsNamingIt()
    {
        var answers = Write("answers.csv", "id,y\n1,1\n2,2\n");
        var submission = Write("submission.csv", "id,y\n1,1\n2,2\n2,3\n");

        var e = Assert.Throws<FormatException>(
            () => SubmissionScorer.Score(submission, answers, new Metric(MetricKind.Rmse), "id"));

        Assert.Contains("submission.csv repeats 1 id values (first: 2).", e.Message);
        Assert.Contains("submission.csv has 3 rows; answers.csv has 2.", e.Message);
    }

    [Fact]
    public void Score_SubmissionWithoutIdColumn_ThrowsNamingIt()
    {
        var answers = Write("answers.csv", "id,y\n1,1\n2,2\n");
        var submission = Write("submission.csv", "y\n1\n2\n");

        var e = Assert.Throws<FormatException>(
            () => SubmissionScorer.Score(submission, answers, new Metric(MetricKind.Rmse), "id"));

        Assert.Contains("submission.csv has no id column 'id'.", e.Message);
    }

    [Fact]
    public void Score_IdsWithSpaces_MatchTrimmed()
    {
        var answers = Write("answers.csv", "id,y\n1,1\n2,2\n");
        var submission = Write("submission.csv", "id,y\n 2 ,2\n1 ,1\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.Mae), "id");

        Assert.Equal(0, score, Precision);
    }

    [Fact]
    public void Score_ColumnwiseMetricMissingAColumn_ThrowsNamingIt()
    {
        var answers = Write("answers.csv", "id,a,b\n1,1,0\n");
        var submission = Write("submission.csv", "id,a,c\n1,1,0\n");

        var e = Assert.Throws<FormatException>(
            () => SubmissionScorer.Score(submission, answers, new Metric(MetricKind.MeanColumnwiseRmse), "id"));

        Assert.Contains("submission.csv has no column 'b'.", e.Message);
    }

    [Fact]
    public void Score_RowCountsDifferWithoutId_ThrowsFormatException()
    {
        var answers = Write("answers.csv", "y\n1\n2\n");
        var submission = Write("submission.csv", "y\n1\n");

        var e = Assert.Throws<FormatException>(
            () => SubmissionScorer.Score(submission, answers, new Metric(MetricKind.Rmse), idColumn: null));

        Assert.Contains("1 rows", e.Message);
    }

    [Fact]
    public void Score_NonNumericPrediction_ThrowsFormatException()
    {
        var answers = Write("answers.csv", "y\n1\n");
        var submission = Write("submission.csv", "y\nabc\n");

        var e = Assert.Throws<FormatException>(
            () => SubmissionScorer.Score(submission, answers, new Metric(MetricKind.Mae), idColumn: null));

        Assert.Contains("'abc'", e.Message);
    }

    [Fact]
    public void Score_AnswersWithoutRows_ThrowsFormatException()
    {
        var answers = Write("answers.csv", "y\n");
        var submission = Write("submission.csv", "y\n1\n");

        var e = Assert.Throws<FormatException>(
            () => SubmissionScorer.Score(submission, answers, new Metric(MetricKind.Rmse), idColumn: null));

        Assert.Contains("answers.csv has no rows", e.Message);
    }

    [Fact]
    public void Score_RaggedSubmission_ThrowsFormatException()
    {
        var answers = Write("answers.csv", "y\n1\n");
        var submission = Write("submission.csv", "y\n1,2\n");

        var e = Assert.Throws<FormatException>(
            () => SubmissionScorer.Score(submission, answers, new Metric(MetricKind.Rmse), idColumn: null));

        Assert.Contains("line 2 has 2 fields", e.Message);
    }

    [Fact]
    public void Naive_Rmse_PredictsTrainMean()
    {
        var train = Write("train.csv", "id,x,y\n1,0,1\n2,0,2\n3,0,3\n");
        var answers = Write("answers.csv", "id,y\n4,1\n5,2\n6,3\n");

        var score = SubmissionScorer.Naive(train, answers, new Metric(MetricKind.Rmse), "y", "id");

        Assert.Equal(Math.Sqrt(2.0 / 3), score, Precision);
    }

    [Fact]
    public void Naive_Accuracy_PredictsMajorityClass()
    {
        var train = Write("train.csv", "y\ncat\ndog\ndog\n");
        var answers = Write("answers.csv", "y\ndog\ncat\ndog\ndog\n");

        var score = SubmissionScorer.Naive(train, answers, new Metric(MetricKind.Accuracy), "y", idColumn: null);

        Assert.Equal(0.75, score, Precision);
    }

    [Fact]
    public void Naive_RocAuc_IsHalf()
    {
        var train = Write("train.csv", "y\n0\n1\n");
        var answers = Write("answers.csv", "y\n0\n1\n1\n");

        var score = SubmissionScorer.Naive(train, answers, new Metric(MetricKind.RocAuc), "y", idColumn: null);

        Assert.Equal(0.5, score, Precision);
    }

    [Fact]
    public void Naive_LogLoss_PredictsTrainPositiveRate()
    {
        var train = Write("train.csv", "y\n1\n0\n0\n0\n");
        var answers = Write("answers.csv", "y\n1\n0\n");

        var score = SubmissionScorer.Naive(train, answers, new Metric(MetricKind.LogLoss), "y", idColumn: null);

        Assert.Equal(-(Math.Log(0.25) + Math.Log(0.75)) / 2, score, Precision);
    }

    [Fact]
    public void Naive_TargetMissingFromTrain_ThrowsFormatException()
    {
        var train = Write("train.csv", "x\n1\n");
        var answers = Write("answers.csv", "y\n1\n");

        var e = Assert.Throws<FormatException>(
            () => SubmissionScorer.Naive(train, answers, new Metric(MetricKind.Rmse), "y", idColumn: null));

        Assert.Contains("no column 'y'", e.Message);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
