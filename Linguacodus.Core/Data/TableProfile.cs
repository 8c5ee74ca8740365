using System.Text.Json.Serialization;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Data;

/// <summary>One entry of a task's layout as profiled: its role, size and, for a related table, how it joins.</summary>
/// <param name="Name">The file or folder name in the task folder.</param>
/// <param name="Role">What the entry is for.</param>
/// <param name="Bytes">The file's size; 0 for a folder.</param>
/// <param name="Rows">Data rows of a table; null for a folder or a file that is not a table.</param>
/// <param name="ColumnCount">Columns of a table; 0 otherwise.</param>
/// <param name="Columns">The columns of a related table (its features once joined); empty for the other entries.</param>
/// <param name="Join">How a related table joins the main table; null when it does not (or is not related).</param>
/// <param name="Note">What the analyst should know about the entry (ids that do not all match, a table not used).</param>
public sealed record TableProfile(
    string Name,
    FileRole Role,
    long Bytes,
    long? Rows,
    int ColumnCount,
    IReadOnlyList<ColumnProfile> Columns,
    TableJoin? Join,
    string? Note);

/// <summary>The key that joins a related table to the main table.</summary>
/// <param name="Key">The column of the same name in both tables.</param>
/// <param name="OneToMany">Whether a main row matches several related rows (they are aggregated before the join).</param>
/// <param name="MatchedShare">The share of main-table rows (train and test) whose key the related table holds.</param>
public sealed record TableJoin(string Key, bool OneToMany, double MatchedShare)
{
    /// <summary>The share as a whole percentage, rounded down so that "100%" means every row matches.</summary>
    [JsonIgnore]
    public string MatchedPercent => $"{(int)Math.Floor(MatchedShare * 100)}%";
}
