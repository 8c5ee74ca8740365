using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Linguacodus.Core.Runs;

/// <summary>The one JSON shape of a run, used for run.json and for the stored document in the database.</summary>
public static class RunJson
{
    /// <summary>
    /// What an interrupted run said before interruption had a status of its own (it was stored as failed with one of
    /// these messages), by the step it was in: documents saved so are read as <see cref="RunStatus.Interrupted"/>.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, RunStatus> LegacyInterruptedMessages = new Dictionary<string, RunStatus>
    {
        ["Interrupted by a server restart while planning; resume plans again."] = RunStatus.Planning,
        ["Interrupted by a server restart while writing the code; resume writes it again from the chosen plan."] = RunStatus.Coding,
        ["Interrupted by a server restart while running the program; resume runs the code again."] = RunStatus.Executing,
    };

    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static string Serialize(RunSnapshot run) => JsonSerializer.Serialize(run, Options);

    /// <exception cref="JsonException">The document is not a run (corrupt, truncated, or from an unknown version).</exception>
    public static RunSnapshot Deserialize(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("The stored run is empty.");
        Migrate(node);
        return node.Deserialize<RunSnapshot>(Options) ?? throw new JsonException("The stored run is empty.");
    }

    /// <summary>Brings a document saved by an earlier version to today's shape, field by field.</summary>
    private static void Migrate(JsonObject run)
    {
        if (run["status"]?.GetValue<string>() == "failed" && run["interrupted_step"] is null
            && run["message"]?.GetValue<string>() is { } message && LegacyInterruptedMessages.TryGetValue(message, out var step))
        {
            run["status"] = "interrupted";
            run["interrupted_step"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(step.ToString());
        }
    }
}
