using Linguacodus.Core.Data;

namespace Linguacodus.Core.Artifacts;

/// <summary>Checks a label-list answer: each row holds known labels, space-separated, at least one and at most k.</summary>
internal static class LabelListCheck
{
    /// <summary>The first offending row in words, else nothing.</summary>
    public static IEnumerable<string> Problems(CsvTable submission, string column, LabelList list)
    {
        var index = submission.IndexOf(column);
        if (index < 0)
        {
            yield break; // the missing column is the alignment's problem, reported there
        }

        var known = list.Labels.ToHashSet(StringComparer.Ordinal);
        for (var row = 0; row < submission.Rows.Count; row++)
        {
            var cells = submission.Rows[row];
            var labels = index < cells.Length ? LabelList.Split(cells[index]) : [];
            var unknown = labels.FirstOrDefault(l => !known.Contains(l));
            var problem = labels.Length == 0 ? "holds no label"
                : unknown is not null ? $"holds '{unknown}', which is no label seen in training ({Examples(list)})"
                : list.K > 0 && labels.Length > list.K ? $"holds {labels.Length} labels, more than the {list.K} the metric counts"
                : labels.Distinct(StringComparer.Ordinal).Count() < labels.Length ? "names a label twice"
                : null;
            if (problem is not null)
            {
                yield return $"{submission.Name}, line {submission.Lines[row]}: '{column}' {problem}; each answer is space-separated labels.";
                yield break;
            }
        }
    }

    private static string Examples(LabelList list) =>
        string.Join(", ", list.Labels.Take(8)) + (list.Labels.Count > 8 ? $" and {list.Labels.Count - 8} more" : "");
}
