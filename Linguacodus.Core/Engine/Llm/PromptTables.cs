using System.Text;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>The task's files as the prompts list them: each with its role, rows, columns and, for a related table, its join.</summary>
internal static class PromptTables
{
    private const int MaxFiles = 20;

    /// <summary>
    /// One line per file; empty for runs profiled before files were profiled. <paramref name="compact"/> (a prompt cut
    /// to its column names) keeps only what the other lines do not say: related tables with their key, the data file.
    /// </summary>
    public static string Describe(DataProfile profile, bool compact = false)
    {
        var text = new StringBuilder();
        var shown = (profile.Tables ?? []).Where(t => t.Role != FileRole.Ignored && (!compact || t.Role is FileRole.Auxiliary or FileRole.Data));
        foreach (var table in shown.Take(MaxFiles))
        {
            text.Append($"- file {PromptValues.Defuse(Short(table.Name))}: {TaskLayout.Describe(table.Role)}")
                .Append(table.Rows is { } rows ? $", {rows:N0} rows, {table.ColumnCount} columns" : "")
                .Append(table.Join is { } join
                    ? $", joined on {PromptValues.Defuse(Short(join.Key))} ({(join.OneToMany ? "several rows per key: aggregate them per key before joining" : "one row per key")}; {join.MatchedPercent} of main rows match)"
                    : "")
                .Append(!compact && table.Role == FileRole.Auxiliary && table.Columns.Count > 0
                    ? $", columns: {PromptValues.Defuse(string.Join(", ", table.Columns.Take(20).Select(c => $"{Short(c.Name)} ({c.Kind.ToString().ToLowerInvariant()})")))}"
                    : "")
                .Append(table.Role == FileRole.Data ? $" (the rows whose {PromptValues.Defuse(Short(profile.TargetColumn))} is blank are the rows to predict)" : "")
                .Append('\n');
        }

        return text.ToString();
    }

    private static string Short(string name) => name.Length <= 60 ? name : name[..60] + "...";
}
