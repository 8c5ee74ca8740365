namespace Linguacodus.Core.Data;

/// <summary>What kind of data a task is, as its files show it (not only as the data type field says).</summary>
public enum Modality
{
    Tabular,
    Text,
    Image,
    TimeSeries,
}
