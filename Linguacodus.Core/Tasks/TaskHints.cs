namespace Linguacodus.Core.Tasks;

/// <summary>
/// What the analyst settled about a task beyond the paper's fields, kept in task.json's optional fields: "files"
/// (name to role), "targets" and "positive_class". Each one overrides what the profiler would work out.
/// </summary>
public sealed record TaskHints(
    IReadOnlyDictionary<string, FileRole> Roles,
    IReadOnlyList<string> Targets,
    string? PositiveClass)
{
    public static TaskHints None { get; } = new(new Dictionary<string, FileRole>(), [], null);

    /// <summary>Whether the analyst settled nothing (a task.json without the optional fields).</summary>
    public bool IsEmpty => Roles.Count == 0 && Targets.Count == 0 && PositiveClass is null;

    /// <summary>The optional fields of a task.json's root object.</summary>
    /// <exception cref="TaskFolderException">A field is there but not of its shape.</exception>
    public static TaskHints Read(System.Text.Json.JsonElement taskJson) => TaskJson.ReadHints(taskJson);

    /// <summary>Column names as an analyst types them in one box: separated by commas.</summary>
    public static IReadOnlyList<string> SplitNames(string names) =>
        [.. names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
}
