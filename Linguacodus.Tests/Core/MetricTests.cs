using System.Text.Json;
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
    [InlineData("R²", MetricKind.R2)]
    [InlineData("coefficient of determination", MetricKind.R2)]
    [InlineData("mean columnwise rmse", MetricKind.MeanColumnwiseRmse)]
    [InlineData("MCRMSE", MetricKind.MeanColumnwiseRmse)]
    [InlineData("mean_columnwise_rmse", MetricKind.MeanColumnwiseRmse)]
    [InlineData("  Mean-Absolute_Error ", MetricKind.Mae)]
    [InlineData("Root Mean Squared Logarithmic Error", MetricKind.Rmsle)]
    [InlineData("RMSLE", MetricKind.Rmsle)]
    [InlineData("qwk", MetricKind.QuadraticWeightedKappa)]
    [InlineData("quadratic weighted kappa", MetricKind.QuadraticWeightedKappa)]
    [InlineData("Cohen's kappa (quadratic)", MetricKind.QuadraticWeightedKappa)]
    [InlineData("multi-class logarithmic loss", MetricKind.MulticlassLogLoss)]
    [InlineData("Multiclass Log Loss", MetricKind.MulticlassLogLoss)]
    [InlineData("macro-F1", MetricKind.MacroF1)]
    [InlineData("F1 (macro)", MetricKind.MacroF1)]
    [InlineData("micro F1 score", MetricKind.MicroF1)]
    [InlineData("column-wise AUC", MetricKind.MeanColumnwiseRocAuc)]
    [InlineData("mean column-wise ROC AUC", MetricKind.MeanColumnwiseRocAuc)]
    public void Parse_LooseName_FindsKind(string loose, MetricKind expected)
    {
        var metric = Metric.Parse(loose);

        Assert.Equal(expected, metric.Kind);
        Assert.Null(metric.Note);
    }

    [Theory]
    [InlineData("MAP@3", 3, "map@3")]
    [InlineData("map@5", 5, "map@5")]
    [InlineData("mean average precision @ 5", 5, "map@5")]
    [InlineData("Mean Average Precision at 12", 12, "map@12")]
    [InlineData("MAP@K", 0, "map")]
    [InlineData("mean average precision", 0, "map")]
    public void Parse_MapAtK_ReadsTheCutOff(string loose, int k, string name)
    {
        var metric = Metric.Parse(loose);

        Assert.Equal(MetricKind.MapAtK, metric.Kind);
        Assert.Equal(k, metric.K);
        Assert.Equal(name, metric.Name);
        Assert.True(metric.HigherIsBetter);
        Assert.Equal(metric, Metric.Parse(name));
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
    [InlineData(MetricKind.Rmsle, "rmsle", false, false)]
    [InlineData(MetricKind.QuadraticWeightedKappa, "quadratic_weighted_kappa", true, false)]
    [InlineData(MetricKind.MulticlassLogLoss, "multiclass_log_loss", false, true)]
    [InlineData(MetricKind.MacroF1, "macro_f1", true, false)]
    [InlineData(MetricKind.MicroF1, "micro_f1", true, false)]
    [InlineData(MetricKind.MeanColumnwiseRocAuc, "mean_columnwise_roc_auc", true, true)]
    public void Properties_EachKind_MatchTheMetric(MetricKind kind, string name, bool higherIsBetter, bool needsProbabilities)
    {
        var metric = new Metric(kind);

        Assert.Equal(name, metric.Name);
        Assert.Equal(higherIsBetter, metric.HigherIsBetter);
        Assert.Equal(needsProbabilities, metric.NeedsProbabilities);
        Assert.Equal(metric, Metric.Parse(name));
    }

    [Theory]
    [InlineData("Weighted Mean Squared Error", MetricKind.Rmse, "error", false)]
    [InlineData("Normalized Gini coefficient", MetricKind.RocAuc, "gini", true)]
    [InlineData("Cohen's kappa", MetricKind.QuadraticWeightedKappa, "kappa", true)]
    [InlineData("SMAPE", MetricKind.Mae, "smape", false)]
    [InlineData("mean squared log error", MetricKind.Rmsle, "logarithmic error", false)]
    [InlineData("Multi-class cross entropy loss", MetricKind.MulticlassLogLoss, "log loss", false)]
    [InlineData("Pearson correlation", MetricKind.R2, "correlation", true)]
    [InlineData("Dice coefficient", MetricKind.F1, "dice", true)]
    [InlineData("Top-1 matches", MetricKind.Accuracy, "matches", true)]
    [InlineData("custom score", MetricKind.Accuracy, "score", true)]
    public void Parse_UnknownName_AssumesTheNearestFamilyWithANote(string loose, MetricKind expected, string word, bool higherIsBetter)
    {
        var metric = Metric.Parse(loose);

        Assert.Equal(expected, metric.Kind);
        Assert.Equal(higherIsBetter, metric.HigherIsBetter);
        Assert.Equal(
            $"'{loose}' is not a metric Linguacodus knows; it is scored as {metric.Name} ({(higherIsBetter ? "higher" : "lower")} is better), "
            + $"the nearest family, because its name mentions '{word}'.",
            metric.Note);
    }

    [Fact]
    public void Parse_NameWithoutAnyHint_AssumesAccuracyAndSaysSo()
    {
        var metric = Metric.Parse("banana index");

        Assert.Equal(MetricKind.Accuracy, metric.Kind);
        Assert.Contains("nothing in its name says how it is scored", metric.Note);
    }

    [Fact]
    public void TryParse_UnknownName_ReturnsFalse()
    {
        var parsed = Metric.TryParse("mse", out var metric);

        Assert.False(parsed);
        Assert.Null(metric);
    }

    [Fact]
    public void SupportedNames_ListEveryKindOnce()
    {
        Assert.Equal(Enum.GetValues<MetricKind>().Length, Metric.SupportedNames.Distinct().Count());
        Assert.Contains("map@k", Metric.SupportedNames);
    }

    [Fact]
    public void MlTask_Metric_IsParsedFromMetricsAndFollowsAChange()
    {
        var task = new MlTask("t", "Predict y.", "tabular", "RMSLE", "", "");

        var changed = task with { Metrics = "qwk" };

        Assert.Equal(MetricKind.Rmsle, task.Metric.Kind);
        Assert.Equal(MetricKind.QuadraticWeightedKappa, changed.Metric.Kind);
        Assert.Equal(task, new MlTask("t", "Predict y.", "tabular", "RMSLE", "", ""));
    }

    [Fact]
    public void MlTask_Json_KeepsTheMetricTextOnly()
    {
        var task = new MlTask("t", "Predict y.", "tabular", "mean average precision @ 5", "", "");

        var json = JsonSerializer.Serialize(task);
        var back = JsonSerializer.Deserialize<MlTask>(json)!;

        Assert.Contains("\"metrics\":\"mean average precision @ 5\"", json);
        Assert.DoesNotContain("\"Metric\"", json);
        Assert.Equal(task, back);
        Assert.Equal("map@5", back.Metric.Name);
    }
}
