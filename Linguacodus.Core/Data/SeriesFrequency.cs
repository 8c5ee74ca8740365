namespace Linguacodus.Core.Data;

/// <summary>How far apart the rows of a dated series are.</summary>
public enum SeriesFrequency
{
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Quarterly,
    Yearly,
}
