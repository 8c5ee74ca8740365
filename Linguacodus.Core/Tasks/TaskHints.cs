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

    /// <summary>Column names as an analyst types them in one box: separated by commas.</summary>
    public static IReadOnlyList<string> SplitNames(string names) =>
        [.. names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
}
