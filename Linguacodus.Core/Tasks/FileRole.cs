using System.Text.Json.Serialization;

namespace Linguacodus.Core.Tasks;

/// <summary>What one file or folder of a task is for; the stored words are the ones task.json's "files" field uses.</summary>
public enum FileRole
{
    /// <summary>The table of training rows, with the target.</summary>
    [JsonStringEnumMemberName("train")]
    Train,

    /// <summary>The table of rows to predict.</summary>
    [JsonStringEnumMemberName("test")]
    Test,

    [JsonStringEnumMemberName("sample_submission")]
    SampleSubmission,

    /// <summary>One table holding both: the rows whose target is blank are the rows to predict (imputation).</summary>
    [JsonStringEnumMemberName("data")]
    Data,

    /// <summary>A related table, joined to the main table by a key column.</summary>
    [JsonStringEnumMemberName("auxiliary")]
    Auxiliary,

    /// <summary>A folder of image files that the tables name.</summary>
    [JsonStringEnumMemberName("images")]
    Images,

    /// <summary>Not used by the run (a file of another kind, or one the analyst set aside).</summary>
    [JsonStringEnumMemberName("ignored")]
    Ignored,
}
