namespace Linguacodus.Core.Data;

public enum ColumnKind
{
    Numeric,
    Categorical,
    Text,
    Date,
    Pixel,
}
