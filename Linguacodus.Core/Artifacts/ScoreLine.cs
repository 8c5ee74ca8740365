using System.Globalization;
using System.Text.Json;

namespace Linguacodus.Core.Artifacts;

/// <summary>
/// The line a generated program prints with its validation score, and the run reads back: the marker, a space, then
/// JSON such as <c>{"metric": "rmse", "score": 12.5}</c>. The baseline writes it, the prompts ask the model for it.
/// </summary>
public static class ScoreLine
{
    public const string Marker = "LINGUACODUS_VALIDATION";

    /// <summary>The Python statement that prints the line (the program must import json).</summary>
    /// <param name="metricName">The metric's canonical name, e.g. <c>roc_auc</c>.</param>
    /// <param name="scoreExpression">The Python expression holding the score.</param>
    public static string Python(string metricName, string scoreExpression = "score") =>
        $"print(\"{Marker} \" + json.dumps({{\"metric\": {JsonSerializer.Serialize(metricName)}, \"score\": float({scoreExpression})}}), flush=True)";

    /// <summary>Reads the score from an output line that holds the marker; the score may be a JSON number or a numeric string.</summary>
    /// <returns>False when the line holds no marker or what follows it is not such JSON.</returns>
    public static bool TryParse(string line, out double score)
    {
        ArgumentNullException.ThrowIfNull(line);
        score = 0;
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(line[(at + Marker.Length)..]);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("score", out var value))
            {
                return false;
            }

            return value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetDouble(out score),
                JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out score),
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
