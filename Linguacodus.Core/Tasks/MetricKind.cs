namespace Linguacodus.Core.Tasks;

public enum MetricKind
{
    RocAuc,
    Accuracy,
    F1,
    LogLoss,
    Rmse,
    Mae,
    R2,
    MeanColumnwiseRmse,
    Rmsle,
    QuadraticWeightedKappa,
    MulticlassLogLoss,
    MacroF1,
    MicroF1,

    /// <summary>Mean average precision of space-separated ranked labels, cut at <see cref="Metric.K"/> (0: no cut).</summary>
    MapAtK,
    MeanColumnwiseRocAuc,

    /// <summary>F1 of each row's space-separated labels against its true labels, averaged over rows (multi-label).</summary>
    SamplesF1,
}
