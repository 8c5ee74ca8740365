using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Linguacodus.Core.Artifacts;

/// <summary>
/// The line a generated program prints with its validation score, and the run reads back: the marker, a space, then
/// JSON such as <c>{"metric": "rmse", "score": 12.5, "naive": 81.1}</c>. <c>naive</c> is optional: the score a naive
/// prediction (majority class, class frequencies, the training mean, the seasonal-naive forecast) gets on the same
/// validation rows. The baseline writes the line, the prompts ask the model for it.
/// </summary>
public static partial class ScoreLine
{
    public const string Marker = "LINGUACODUS_VALIDATION";

    /// <summary>The Python statement that prints the line (the program must import json).</summary>
    /// <param name="metricName">The metric's canonical name, e.g. <c>roc_auc</c>.</param>
    /// <param name="scoreExpression">The Python expression holding the score.</param>
    /// <param name="naiveExpression">The Python expression holding the naive score, a float or None; no naive field when null.</param>
    public static string Python(string metricName, string scoreExpression = "score", string? naiveExpression = null) =>
        $"print(\"{Marker} \" + json.dumps({{\"metric\": {JsonSerializer.Serialize(metricName)}, \"score\": float({scoreExpression})"
        // None (not NaN) when there is no naive score: json.dumps writes NaN, which is not JSON and would lose the score too.
        + (naiveExpression is null ? "" : $", \"naive\": None if {naiveExpression} is None else float({naiveExpression})")
        + "}), flush=True)";

    /// <summary>Reads the score from an output line that holds the marker; the score may be a JSON number or a numeric string.</summary>
    /// <returns>False when the line holds no marker or what follows it is not such JSON.</returns>
    public static bool TryParse(string line, out double score) => TryParse(line, out score, out _);

    /// <summary>Reads the score and, when the line carries a finite one, the naive score (else null).</summary>
    /// <returns>False when the line holds no marker or no score; a missing or unreadable naive score does not make it false.</returns>
    public static bool TryParse(string line, out double score, out double? naive)
    {
        ArgumentNullException.ThrowIfNull(line);
        score = 0;
        naive = null;
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        try
        {
            // Python's json.dumps writes a NaN or infinite float as a bare word, which is not JSON: read it as null.
            using var json = JsonDocument.Parse(NotANumber().Replace(line[(at + Marker.Length)..], "null"));
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("score", out var value)
                || Number(value) is not { } read)
            {
                return false;
            }
            score = read;
            naive = json.RootElement.TryGetProperty("naive", out var baseline) && Number(baseline) is { } n && double.IsFinite(n) ? n : null;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(?<=[:\[,]\s*)(NaN|-?Infinity)(?=\s*[,}\]])")]
    private static partial Regex NotANumber();

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDouble(out var number) => number,
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };
}
