using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linguacodus.Core.Runs;

/// <summary>The one JSON shape of a run, used for run.json and for the stored document in the database.</summary>
public static class RunJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static string Serialize(RunSnapshot run) => JsonSerializer.Serialize(run, Options);

    public static RunSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<RunSnapshot>(json, Options) ?? throw new JsonException("The stored run is empty.");
}
