using System.Text.Json.Serialization;

namespace Linguacodus.Core.Data;

/// <summary>Where the profiler found the target column; the stored words are the ones earlier documents hold.</summary>
public enum TargetSource
{
    [JsonStringEnumMemberName("sample_submission")]
    SampleSubmission,

    [JsonStringEnumMemberName("data card")]
    DataCard,

    [JsonStringEnumMemberName("train/test difference")]
    TrainTestDifference,

    /// <summary>The analyst named it.</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>The only column of an imputation task's data file with blank cells.</summary>
    [JsonStringEnumMemberName("blanks")]
    Blanks,
}

public static class TargetSources
{
    /// <summary>How the run page says it: "found from the …".</summary>
    public static string Describe(this TargetSource source) => source switch
    {
        TargetSource.SampleSubmission => "sample submission",
        TargetSource.DataCard => "data card",
        TargetSource.TrainTestDifference => "train/test difference",
        TargetSource.Blanks => "only column with blank cells",
        _ => "analyst's choice",
    };
}
