using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

public sealed class MetricTests
{
    [Theory]
    [InlineData("roc", MetricKind.RocAuc)]
    [InlineData("auc", MetricKind.RocAuc)]
    [InlineData("roc-auc", MetricKind.RocAuc)]
    [InlineData("ROC AUC", MetricKind.RocAuc)]
    [InlineData("roc_auc", MetricKind.RocAuc)]
    [InlineData("Area under the ROC curve", MetricKind.RocAuc)]
    [InlineData("rmse", MetricKind.Rmse)]
    [InlineData("Root Mean Squared Error", MetricKind.Rmse)]
    [InlineData("mae", MetricKind.Mae)]
    [InlineData("mean absolute error", MetricKind.Mae)]
    [InlineData("Accuracy", MetricKind.Accuracy)]
    [InlineData("acc", MetricKind.Accuracy)]
    [InlineData("f1", MetricKind.F1)]
    [InlineData("F1-score", MetricKind.F1)]
    [InlineData("logloss", MetricKind.LogLoss)]
    [InlineData("log loss", MetricKind.LogLoss)]
    [InlineData("log_loss", MetricKind.LogLoss)]
    [InlineData("cross-entropy", MetricKind.LogLoss)]
    [InlineData("r2", MetricKind.R2)]
    [InlineData("R^2", MetricKind.R2)]
    [InlineData("coefficient of determination", MetricKind.R2)]
    [InlineData("mean columnwise rmse", MetricKind.MeanColumnwiseRmse)]
    [InlineData("MCRMSE", MetricKind.MeanColumnwiseRmse)]
    [InlineData("mean_columnwise_rmse", MetricKind.MeanColumnwiseRmse)]
    [InlineData("  Mean-Absolute_Error ", MetricKind.Mae)]
    public void Parse_LooseName_ReturnsKind(string loose, MetricKind expected)
    {
        var metric = Metric.Parse(loose);

        Assert.Equal(expected, metric.Kind);
    }

    [Theory]
    [InlineData(MetricKind.RocAuc, "roc_auc", true, true)]
    [InlineData(MetricKind.Accuracy, "accuracy", true, false)]
    [InlineData(MetricKind.F1, "f1", true, false)]
    [InlineData(MetricKind.LogLoss, "log_loss", false, true)]
    [InlineData(MetricKind.Rmse, "rmse", false, false)]
    [InlineData(MetricKind.Mae, "mae", false, false)]
    [InlineData(MetricKind.R2, "r2", true, false)]
    [InlineData(MetricKind.MeanColumnwiseRmse, "mean_columnwise_rmse", false, false)]
    public void Properties_EachKind_MatchTheMetric(MetricKind kind, string name, bool higherIsBetter, bool needsProbabilities)
    {
        var metric = new Metric(kind);

        Assert.Equal(name, metric.Name);
        Assert.Equal(higherIsBetter, metric.HigherIsBetter);
        Assert.Equal(needsProbabilities, metric.NeedsProbabilities);
        Assert.Equal(metric, Metric.Parse(name));
    }

    [Fact]
    public void Parse_UnknownName_ThrowsListingSupportedNames()
    {
        var e = Assert.Throws<FormatException>(() => Metric.Parse("quadratic weighted kappa"));

        Assert.Contains("quadratic weighted kappa", e.Message);
        Assert.Contains("roc_auc, accuracy, f1, log_loss, rmse, mae, r2, mean_columnwise_rmse", e.Message);
    }

    [Fact]
    public void TryParse_UnknownName_ReturnsFalse()
    {
        var parsed = Metric.TryParse("mse", out var metric);

        Assert.False(parsed);
        Assert.Null(metric);
    }
}
