using System.Text.Json.Serialization;

namespace Linguacodus.Core.Tasks;

/// <summary>An ML task in the paper's own fields, as written by the analyst.</summary>
public sealed record MlTask(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("data_type")] string DataType,
    [property: JsonPropertyName("metrics")] string Metrics,
    [property: JsonPropertyName("data_card")] string DataCard,
    [property: JsonPropertyName("submission")] string Submission);
