using System.Text.Json.Serialization;

namespace Linguacodus.Core.Tasks;

/// <summary>An ML task in the paper's own fields, as written by the analyst.</summary>
public sealed record MlTask(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("data_type")] string DataType,
    string Metrics,
    [property: JsonPropertyName("data_card")] string DataCard,
    [property: JsonPropertyName("submission")] string Submission)
{
    private readonly string _metrics = Metrics;
    private readonly Metric _metric = Tasks.Metric.Parse(Metrics);

    /// <summary>The metric as the analyst wrote it; <see cref="Metric"/> is read from it once, when it is set.</summary>
    [JsonPropertyName("metrics")]
    public string Metrics
    {
        get => _metrics;
        init
        {
            _metrics = value;
            _metric = Tasks.Metric.Parse(value);
        }
    }

    /// <summary>The parsed metric; for a name Linguacodus does not know, the assumed family with its note.</summary>
    [JsonIgnore]
    public Metric Metric => _metric;
}
