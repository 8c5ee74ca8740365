using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>
/// Every metric scored through scikit-learn against values computed by hand or documented by scikit-learn; never
/// against the scorer's own output.
/// </summary>
public sealed class MetricScoreTests : IDisposable
{
    private const int Precision = 6;

    private readonly string _dir = Directory.CreateTempSubdirectory("lc-metric-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Score_Rmsle_MatchesTheLogarithmicFormula()
    {
        // scikit-learn's documented example for mean_squared_log_error: truth 3, 5, 2.5, 7 and predictions 2.5, 5, 4, 8.
        var answers = Write("answers.csv", "y\n3\n5\n2.5\n7\n");
        var submission = Write("submission.csv", "y\n2.5\n5\n4\n8\n");
        double[] truth = [3, 5, 2.5, 7], predicted = [2.5, 5, 4, 8];
        var expected = Math.Sqrt(truth.Zip(predicted, (t, p) => Math.Pow(Math.Log(1 + p) - Math.Log(1 + t), 2)).Average());

        var score = SubmissionScorer.Score(submission, answers, Metric.Parse("RMSLE"), idColumn: null);

        Assert.Equal(expected, score, Precision);
        Assert.Equal(0.199, score, 3);
    }

    [Fact]
    public void Score_RmsleNegativePrediction_ThrowsSayingWhy()
    {
        var answers = Write("answers.csv", "y\n3\n5\n");
        var submission = Write("submission.csv", "y\n-1\n5\n");

        var e = Assert.Throws<FormatException>(
            () => SubmissionScorer.Score(submission, answers, new Metric(MetricKind.Rmsle), idColumn: null));

        Assert.Contains("rmsle:", e.Message);
        Assert.Contains("negative", e.Message);
    }

    [Theory]
    // Confusion (truth, prediction): (0,0), (0,1), (1,1), (2,2); quadratic weights give 1 observed against 5 expected.
    [InlineData("0\n0\n1\n2\n", "0\n1\n1\n2\n", 0.8)]
    // Two raters who always disagree on a two-point scale.
    [InlineData("1\n2\n", "2\n1\n", -1.0)]
    [InlineData("1\n2\n3\n", "1.0\n2\n3\n", 1.0)]
    public void Score_QuadraticWeightedKappa_MatchesHandComputedValue(string truth, string predicted, double expected)
    {
        var answers = Write("answers.csv", "rating\n" + truth);
        var submission = Write("submission.csv", "rating\n" + predicted);

        var score = SubmissionScorer.Score(submission, answers, Metric.Parse("quadratic weighted kappa"), idColumn: null);

        Assert.Equal(expected, score, Precision);
    }

    [Fact]
    public void Score_MulticlassLogLoss_ReadsOneProbabilityColumnPerClassAndNormalisesRows()
    {
        // The row of id 3 sums to 0.5; scaled to 1 it gives c the probability 0.6.
        var answers = Write("answers.csv", "id,label\n1,a\n2,b\n3,c\n");
        var submission = Write("submission.csv", "id,c,a,b\n3,0.3,0.1,0.1\n1,0.1,0.7,0.2\n2,0.3,0.1,0.6\n");

        var score = SubmissionScorer.Score(submission, answers, Metric.Parse("multi-class logarithmic loss"), "id");

        Assert.Equal(-(Math.Log(0.7) + Math.Log(0.6) + Math.Log(0.6)) / 3, score, Precision);
    }

    [Fact]
    public void Score_LogLossWithClassColumns_MatchesScikitLearnsDocumentedExample()
    {
        // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) is documented as 0.21616.
        var answers = Write("answers.csv", "y\nspam\nham\nham\nspam\n");
        var submission = Write("submission.csv", "ham,spam\n.1,.9\n.9,.1\n.8,.2\n.35,.65\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.LogLoss), idColumn: null);

        Assert.Equal(0.21616, score, 5);
    }

    [Fact]
    public void Score_ClassMissingFromProbabilityColumns_ThrowsNamingIt()
    {
        var answers = Write("answers.csv", "y\na\nz\n");
        var submission = Write("submission.csv", "a,b\n0.5,0.5\n0.5,0.5\n");

        var e = Assert.Throws<FormatException>(
            () => SubmissionScorer.Score(submission, answers, new Metric(MetricKind.MulticlassLogLoss), idColumn: null));

        Assert.Contains("the class 'z'", e.Message);
    }

    [Theory]
    // scikit-learn's documented f1_score example: truth 0 1 2 0 1 2, predictions 0 2 1 0 0 1.
    [InlineData("macro-F1", 0.26666666)]
    [InlineData("micro F1", 0.33333333)]
    public void Score_AveragedF1_MatchesScikitLearnsDocumentedExample(string metric, double expected)
    {
        var answers = Write("answers.csv", "y\n0\n1\n2\n0\n1\n2\n");
        var submission = Write("submission.csv", "y\n0\n2\n1\n0\n0\n1\n");

        var score = SubmissionScorer.Score(submission, answers, Metric.Parse(metric), idColumn: null);

        Assert.Equal(expected, score, Precision);
    }

    [Theory]
    // Rows: a ranked second (1/2), c first (1), d absent (0), {a, b} found at ranks 1 and 3 ((1/1 + 2/3) / 2),
    // and a repeated prediction that counts once (1).
    [InlineData("map@3", (0.5 + 1 + 0 + 5.0 / 6 + 1) / 5)]
    // Cut at 1: only first places count; {a, b} has one of its two labels there, over min(2, 1) = 1.
    [InlineData("MAP@1", (0 + 1 + 0 + 1 + 1) / 5.0)]
    public void Score_MapAtK_MatchesHandComputedValue(string metric, double expected)
    {
        var answers = Write("answers.csv", "id,labels\n1,a\n2,c\n3,d\n4,a b\n5,a\n");
        var submission = Write("submission.csv", "id,labels\n1,b a c\n2,c\n3,a b c\n4,a c b\n5,a a\n");

        var score = SubmissionScorer.Score(submission, answers, Metric.Parse(metric), "id");

        Assert.Equal(expected, score, Precision);
    }

    [Fact]
    public void Score_MeanColumnwiseRocAuc_AveragesEachColumnsAuc()
    {
        // a separates perfectly (1); in b the positives score 0.5 and 0.4 against negatives 0.5 and 0.6: one tie of
        // four pairs (0.125).
        var answers = Write("answers.csv", "id,a,b\n1,0,1\n2,1,0\n3,0,1\n4,1,0\n");
        var submission = Write("submission.csv", "id,a,b\n1,0.1,0.5\n2,0.9,0.5\n3,0.2,0.4\n4,0.8,0.6\n");

        var score = SubmissionScorer.Score(submission, answers, Metric.Parse("column-wise AUC"), "id");

        Assert.Equal((1 + 0.125) / 2, score, Precision);
    }

    [Fact]
    public void Score_MulticlassRocAucWithClassColumns_IsOneVersusRest()
    {
        var answers = Write("answers.csv", "y\na\nb\nc\n");
        var submission = Write("submission.csv", "a,b,c\n0.8,0.1,0.1\n0.1,0.8,0.1\n0.1,0.1,0.8\n");

        var score = SubmissionScorer.Score(submission, answers, new Metric(MetricKind.RocAuc), idColumn: null);

        Assert.Equal(1.0, score, Precision);
    }

    [Fact]
    public void Score_UnknownMetric_IsScoredAsItsAssumedFamily()
    {
        var answers = Write("answers.csv", "y\n1\n2\n3\n");
        var submission = Write("submission.csv", "y\n1\n2\n5\n");
        var metric = Metric.Parse("weighted squared error");

        var score = SubmissionScorer.Score(submission, answers, metric, idColumn: null);

        Assert.NotNull(metric.Note);
        Assert.Equal(Math.Sqrt(4.0 / 3), score, Precision);
    }

    [Fact]
    public void Naive_MulticlassLogLoss_PredictsTrainClassFrequencies()
    {
        var train = Write("train.csv", "y\na\na\nb\nc\n");
        var answers = Write("answers.csv", "y\na\nc\n");

        var score = SubmissionScorer.Naive(train, answers, new Metric(MetricKind.MulticlassLogLoss), "y", idColumn: null);

        Assert.Equal(-(Math.Log(0.5) + Math.Log(0.25)) / 2, score, Precision);
    }

    [Fact]
    public void Naive_MapAtK_PredictsTheMostFrequentTrainLabels()
    {
        // Train ranks b (3), a (2), c (1); answers a is at rank 2 of "b a" (1/2), c is not in it (0).
        var train = Write("train.csv", "y\nb\na\nb\nc\nb\na\n");
        var answers = Write("answers.csv", "y\na\nc\n");

        var score = SubmissionScorer.Naive(train, answers, Metric.Parse("map@2"), "y", idColumn: null);

        Assert.Equal(0.25, score, Precision);
    }

    [Fact]
    public void Naive_QuadraticWeightedKappa_IsZeroForAConstantRating()
    {
        var train = Write("train.csv", "y\n1\n2\n2\n");
        var answers = Write("answers.csv", "y\n1\n2\n3\n");

        var score = SubmissionScorer.Naive(train, answers, new Metric(MetricKind.QuadraticWeightedKappa), "y", idColumn: null);

        Assert.Equal(0, score, Precision);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
