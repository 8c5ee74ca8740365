using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Linguacodus.Core.Tasks;

/// <summary>
/// task.json's optional fields beyond the paper's six: "files" (an object of name to role word), "targets" (a list
/// of column names, or one name) and "positive_class". A folder without them loads as it always has.
/// </summary>
internal static class TaskJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(MlTask task, TaskHints hints)
    {
        var root = JsonSerializer.SerializeToNode(task, Options)!.AsObject();
        if (hints.Roles.Count > 0)
        {
            root["files"] = JsonSerializer.SerializeToNode(hints.Roles.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(), Options);
        }
        if (hints.Targets.Count > 0)
        {
            root["targets"] = new JsonArray([.. hints.Targets.Select(t => JsonValue.Create(t))]);
        }
        if (hints.PositiveClass is { } positive)
        {
            root["positive_class"] = positive;
        }
        return root.ToJsonString(Options);
    }

    /// <exception cref="TaskFolderException">An optional field is there but not of its shape.</exception>
    public static TaskHints ReadHints(JsonElement root) => new(Roles(root), Targets(root), PositiveClass(root));

    private static Dictionary<string, FileRole> Roles(JsonElement root)
    {
        var roles = new Dictionary<string, FileRole>(StringComparer.Ordinal);
        if (!root.TryGetProperty("files", out var files))
        {
            return roles;
        }
        if (files.ValueKind != JsonValueKind.Object)
        {
            throw Problem("field 'files' must be an object of file name to role");
        }
        foreach (var entry in files.EnumerateObject())
        {
            roles[entry.Name] = entry.Value.ValueKind == JsonValueKind.String && ParseRole(entry.Value.GetString()!) is { } role
                ? role
                : throw Problem($"field 'files' gives '{entry.Name}' the role {entry.Value.GetRawText()}; the roles are {string.Join(", ", RoleWords.Keys)}");
        }
        return roles;
    }

    private static List<string> Targets(JsonElement root)
    {
        if (!root.TryGetProperty("targets", out var targets))
        {
            return [];
        }
        if (targets.ValueKind == JsonValueKind.String)
        {
            return [.. TaskHints.SplitNames(targets.GetString()!)];
        }
        return targets.ValueKind == JsonValueKind.Array && targets.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String)
            ? [.. targets.EnumerateArray().Select(t => t.GetString()!.Trim()).Where(t => t.Length > 0).Distinct()]
            : throw Problem("field 'targets' must be a list of column names");
    }

    private static string? PositiveClass(JsonElement root)
    {
        if (!root.TryGetProperty("positive_class", out var positive) || positive.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        // A label may be written as a number in JSON (1 rather than "1"); its text is the label.
        return positive.ValueKind switch
        {
            JsonValueKind.String when positive.GetString()!.Trim() is { Length: > 0 } text => text,
            JsonValueKind.Number => positive.GetRawText(),
            _ => throw Problem("field 'positive_class' must be the label of the class whose probability is asked for"),
        };
    }

    /// <summary>The role words task.json uses, as the enum's stored names give them.</summary>
    public static IReadOnlyDictionary<string, FileRole> RoleWords { get; } = Enum.GetValues<FileRole>()
        .ToDictionary(r => JsonSerializer.Serialize(r, Options).Trim('"'), r => r, StringComparer.OrdinalIgnoreCase);

    private static FileRole? ParseRole(string word) => RoleWords.TryGetValue(word.Trim().Replace(' ', '_'), out var role) ? role : null;

    private static TaskFolderException Problem(string problem) => new(TaskFolder.TaskFileName, problem);
}
