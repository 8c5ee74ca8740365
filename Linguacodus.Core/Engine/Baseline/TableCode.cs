using System.Text;
using System.Text.RegularExpressions;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>
/// The Python that reads a task's tables into <c>train</c> and <c>test</c>: the train and test tables, or an imputation
/// task's data file split at its blank targets; then each related table joined by its key, aggregated first when a main
/// row matches several of its rows. The joined columns are features like any other.
/// </summary>
internal static partial class TableCode
{
    /// <summary>The lines that leave <c>train</c> and <c>test</c> with every related table's columns joined.</summary>
    public static string Load(TaskFolder folder, DataProfile profile)
    {
        var code = new StringBuilder();
        if (folder.TestFile is null)
        {
            code.AppendLine("# One data file: the rows with the target are for training, the rows where it is blank are to be predicted.")
                .AppendLine($"data = pd.read_csv({Py.Str(Path.GetFileName(folder.TrainFile))})")
                .AppendLine("to_predict = data[TARGET].isna()")
                .AppendLine("train = data[~to_predict].reset_index(drop=True)")
                .AppendLine("test = data[to_predict].reset_index(drop=True)");
        }
        else
        {
            code.AppendLine($"train = pd.read_csv({Py.Str(Path.GetFileName(folder.TrainFile))})")
                .AppendLine($"test = pd.read_csv({Py.Str(Path.GetFileName(folder.TestFile))})");
        }

        var related = Joined(profile).ToList();
        if (related.Count == 0)
        {
            return code.ToString();
        }

        code.AppendLine()
            .AppendLine()
            .AppendLine("def join(frame, related, key):")
            .AppendLine("    \"\"\"Left join on the key, keeping the frame's rows and order; keys compare as text, so 7 and \"7\" match.\"\"\"")
            .AppendLine("    related = related.set_axis(related.index.astype(str).str.strip())")
            .AppendLine("    joined = related.reindex(frame[key].astype(str).str.strip().to_numpy()).set_axis(frame.index)")
            .AppendLine("    return pd.concat([frame, joined], axis=1)")
            .AppendLine()
            .AppendLine();
        foreach (var (table, join) in related)
        {
            code.Append(join.OneToMany ? Aggregated(table, join) : Lookup(table, join))
                .AppendLine($"train, test = join(train, related, {Py.Str(join.Key)}), join(test, related, {Py.Str(join.Key)})");
            if (join.OneToMany)
            {
                code.AppendLine($"for frame in (train, test):")
                    .AppendLine($"    frame[{Py.Str(Stem(table) + "_rows")}] = frame[{Py.Str(Stem(table) + "_rows")}].fillna(0)");
            }
        }

        return code.ToString();
    }

    /// <summary>The columns the joins add, named as <see cref="Load"/> names them, with the kinds their values have.</summary>
    public static IEnumerable<ColumnProfile> Features(DataProfile profile)
    {
        foreach (var (table, join) in Joined(profile))
        {
            var stem = Stem(table);
            if (join.OneToMany)
            {
                yield return new ColumnProfile($"{stem}_rows", ColumnKind.Numeric, 0, 0, []);
            }
            foreach (var column in Used(table, join))
            {
                var name = $"{stem}_{column.Name}";
                var derived = (join.OneToMany, column.Kind) switch
                {
                    (false, _) => [column with { Name = name }],
                    (true, ColumnKind.Numeric) => [new ColumnProfile(name + "_mean", ColumnKind.Numeric, 0, 0, []), new ColumnProfile(name + "_sum", ColumnKind.Numeric, 0, 0, [])],
                    (true, ColumnKind.Categorical) => [new ColumnProfile(name + "_distinct", ColumnKind.Numeric, 0, 0, []), column with { Name = name + "_top" }],
                    (true, _) => new[] { column with { Name = name } },
                };
                foreach (var feature in derived)
                {
                    yield return feature;
                }
            }
        }
    }

    private static IEnumerable<(TableProfile Table, TableJoin Join)> Joined(DataProfile profile) =>
        (profile.Tables ?? []).Where(t => t.Role == FileRole.Auxiliary && t.Join is not null).Select(t => (t, t.Join!));

    /// <summary>The related table's columns that become features: not the key, not other ids, not dates.</summary>
    private static IEnumerable<ColumnProfile> Used(TableProfile table, TableJoin join) =>
        table.Columns.Where(c => c.Name != join.Key && !DataProfiler.LooksLikeId(c.Name) && c.Kind is ColumnKind.Numeric or ColumnKind.Categorical or ColumnKind.Text);

    private static string Lookup(TableProfile table, TableJoin join)
    {
        var columns = Used(table, join).Select(c => c.Name).ToList();
        return new StringBuilder()
            .AppendLine($"# {table.Name}: one row per {join.Key}, looked up for each row.")
            .AppendLine($"related = pd.read_csv({Py.Str(table.Name)}).drop_duplicates(subset=[{Py.Str(join.Key)}]).set_index({Py.Str(join.Key)})")
            .AppendLine($"related = related[{Py.List(columns)}].add_prefix({Py.Str(Stem(table) + "_")})")
            .ToString();
    }

    private static string Aggregated(TableProfile table, TableJoin join)
    {
        var stem = Stem(table);
        var used = Used(table, join).ToList();
        var code = new StringBuilder()
            .AppendLine($"# {table.Name}: several rows per {join.Key}, summed up per key before the join.")
            .AppendLine($"related = pd.read_csv({Py.Str(table.Name)})")
            .AppendLine($"for column in {Py.List(used.Where(c => c.Kind == ColumnKind.Numeric).Select(c => c.Name))}:")
            .AppendLine("    related[column] = pd.to_numeric(related[column], errors=\"coerce\")")
            .AppendLine($"groups = related.groupby({Py.Str(join.Key)})")
            .AppendLine("related = pd.DataFrame({")
            .AppendLine($"    {Py.Str(stem + "_rows")}: groups.size(),");
        foreach (var column in used)
        {
            var (name, values) = ($"{stem}_{column.Name}", $"groups[{Py.Str(column.Name)}]");
            code.AppendLine(column.Kind switch
            {
                ColumnKind.Numeric => $"    {Py.Str(name + "_mean")}: {values}.mean(),\n    {Py.Str(name + "_sum")}: {values}.sum(),",
                ColumnKind.Categorical => $"    {Py.Str(name + "_distinct")}: {values}.nunique(),\n"
                    + $"    {Py.Str(name + "_top")}: {values}.agg(lambda s: s.mode().iloc[0] if s.notna().any() else np.nan),",
                _ => $"    {Py.Str(name)}: {values}.agg(lambda s: \" \".join(s.dropna().astype(str))),",
            });
        }
        return code.AppendLine("})").ToString();
    }

    /// <summary>The table's name as a column prefix: items.csv gives items_.</summary>
    private static string Stem(TableProfile table) => NonWord().Replace(Path.GetFileNameWithoutExtension(table.Name), "_");

    [GeneratedRegex(@"\W+")]
    private static partial Regex NonWord();
}
