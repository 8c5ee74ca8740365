namespace Linguacodus.Core.Data;

public enum TaskKind
{
    Binary,
    Multiclass,
    Regression,
    Forecast,
}
