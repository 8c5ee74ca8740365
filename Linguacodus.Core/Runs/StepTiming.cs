using System.Text.Json.Serialization;

namespace Linguacodus.Core.Runs;

/// <summary>How long a step took and, for a step that called language models, the tokens they read and wrote.</summary>
public sealed record StepTiming(
    string Step,
    double Seconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? InputTokens = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? OutputTokens = null)
{
    /// <summary>Output tokens per second of the step, when it wrote any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TokensPerSecond => OutputTokens is > 0 && Seconds > 0 ? Math.Round(OutputTokens.Value / Seconds, 1) : null;
}
