using System.Text;

namespace Linguacodus.Core.Memory;

/// <summary>
/// The words a task is matched by: its title, description and data card (clipped), and, counted twice because they say
/// most about which plan fits, its data type, metric and column names (split at underscores and case changes).
/// </summary>
internal static class CaseWords
{
    private const int MaxTextChars = 6_000;
    private const int MaxColumns = 300;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its", "of", "on",
        "or", "that", "the", "this", "to", "was", "were", "will", "with", "each", "which", "we", "you", "your", "our",
        "can", "not", "if", "into", "one", "all", "their", "there", "these", "those", "than", "then", "also", "such",
        // Words nearly every task's text has: they would make a small memory find every task alike.
        "train", "training", "test", "csv", "data", "dataset", "file", "files", "column", "columns", "row", "rows", "id",
        "predict", "predicted", "prediction", "predictions", "submission", "submit", "target", "model", "value", "values",
        "task", "number", "format", "sample", "given", "using", "use", "set", "per", "should", "must", "contains", "header",
    };

    public static IEnumerable<string> Of(string title, string task, string dataType, string metric, string dataCard, IEnumerable<string> columns)
    {
        var text = Clip(title + "\n" + task, MaxTextChars / 2) + "\n" + Clip(dataCard, MaxTextChars / 2);
        var weighty = dataType + " " + metric + " " + string.Join(' ', columns.Take(MaxColumns).Select(SplitCase));
        return Words(text).Concat(Words(weighty)).Concat(Words(weighty));
    }

    /// <summary>Lower-case runs of letters (and digits after a letter), two to 30 long, stop words left out.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetter(c) || (char.IsDigit(c) && word.Length > 0))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length is >= 2 and <= 30 && !StopWords.Contains(word.ToString()))
            {
                yield return word.ToString();
            }
            word.Clear();
        }
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>"PetalLength" and "petal_length" both give "petal length".</summary>
    private static string SplitCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                text.Append(' ');
            }
            text.Append(name[i]);
        }
        return text.ToString();
    }
}
