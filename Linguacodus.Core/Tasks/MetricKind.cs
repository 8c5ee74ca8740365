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
}
