using System.Globalization;
using System.Text.RegularExpressions;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Data;

/// <summary>
/// What a task says about its classes: the positive class of a binary task with where it came from and any source
/// that disagrees, and, for a submission with one probability column per class, which class each column holds.
/// </summary>
/// <param name="PositiveClass">The class whose probability a binary task asks for, as train.csv spells it; null otherwise.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Evidence">What was read, in words: the hint, the column's name, the phrase of the text, or the default rule.</param>
/// <param name="Conflicts">Sources that name another class (or a hint that does not apply), in plain sentences.</param>
/// <param name="ClassColumns">The submission's probability columns and their classes; null unless there is one per class.</param>
public sealed record ClassFacts(
    string? PositiveClass, PositiveClassSource Source, string? Evidence, IReadOnlyList<string> Conflicts, IReadOnlyList<ClassColumn>? ClassColumns);

/// <summary>
/// Works out the positive class from, in order: task.json's "positive_class", a submission column named after a class,
/// the task text asking for the probability of a class, and the conventional default (said to be one).
/// </summary>
public static partial class PositiveClasses
{
    private static readonly string[] PositiveWords = ["1", "true", "yes", "y", "positive", "pos"];
    private static readonly string[] NegativeWords = ["0", "false", "no", "n", "negative", "neg"];

    /// <summary>Reads the class facts of a profiled task.</summary>
    /// <param name="folder">The task folder (hints and texts).</param>
    /// <param name="kind">The task kind the profiler settled on.</param>
    /// <param name="target">The target column.</param>
    /// <param name="classes">The target's classes in sorted order; empty when it is not a classification task.</param>
    /// <param name="predictionColumns">The submission's columns other than the id.</param>
    /// <exception cref="TaskFolderException">task.json names a positive class that is not a label of the target.</exception>
    public static ClassFacts Find(
        TaskFolder folder, TaskKind kind, string target, IReadOnlyList<string> classes, IReadOnlyList<string> predictionColumns)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var conflicts = new List<string>();
        var hinted = Hinted(folder, kind, target, classes, conflicts);
        var classColumns = ClassColumnsOf(predictionColumns, classes);
        if (kind != TaskKind.Binary)
        {
            return new ClassFacts(null, PositiveClassSource.None, null, conflicts, classColumns);
        }

        var named = new List<(string Label, PositiveClassSource Source, string Evidence)>();
        if (hinted is not null)
        {
            named.Add((hinted, PositiveClassSource.Hint, "task.json's positive_class"));
        }
        if (predictionColumns is [var column] && MatchColumn(column, classes) is { } byColumn)
        {
            named.Add((byColumn, PositiveClassSource.SubmissionColumn, $"the submission column '{column}'"));
        }
        if (FromText(folder.Task, classes) is { } byText)
        {
            named.Add((byText.Label, PositiveClassSource.TaskText, $"the task text \"{byText.Phrase}\""));
        }

        (string Label, PositiveClassSource Source, string Evidence) chosen = named.Count > 0
            ? named[0]
            : (Conventional(classes)!, PositiveClassSource.Default,
                "nothing names a class, so the conventional one is taken (1, true, yes or positive, else the second label in sort order)");
        conflicts.AddRange(named.Where(n => n.Label != chosen.Label).Select(n =>
            $"{Capital(n.Evidence)} names the class '{n.Label}', but {chosen.Evidence} names '{chosen.Label}'; '{chosen.Label}' is used. "
            + "Correct the positive class if it is the wrong one."));
        return new ClassFacts(chosen.Label, chosen.Source, chosen.Evidence, conflicts, classColumns);
    }

    /// <summary>
    /// Each binary target's positive class when several are predicted together: the class found for the first target
    /// wherever another target spells it the same way (one task asks about one kind of class), else the conventional one,
    /// else the second label in sort order. Null for one target or targets that are not binary.
    /// </summary>
    /// <param name="targets">The targets, the first the one <paramref name="first"/> was found for.</param>
    /// <param name="first">The first target's class facts.</param>
    /// <param name="classesOf">A target's classes in sorted order.</param>
    public static IReadOnlyDictionary<string, string>? PerTarget(
        IReadOnlyList<string> targets, ClassFacts first, Func<string, IReadOnlyList<string>> classesOf)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(classesOf);
        if (targets.Count < 2 || first?.PositiveClass is not { } positive)
        {
            return null;
        }
        return targets.ToDictionary(t => t, t => classesOf(t) is var classes && classes.Count > 0
            ? MatchLabel(positive, classes) ?? Conventional(classes) ?? classes[^1]
            : positive);
    }

    /// <summary>
    /// The conventional positive class: a label such as 1, true, yes or positive; else the label that is not a negative
    /// one (0, false, no, negative); else the second of two in sort order. Null when it cannot be told.
    /// </summary>
    public static string? Conventional(IReadOnlyCollection<string> classes)
    {
        var sorted = DataProfiler.SortLabels(classes);
        if (sorted.FirstOrDefault(c => IsOneOf(c, PositiveWords)) is { } positive)
        {
            return positive;
        }
        if (sorted.Count != 2)
        {
            return null;
        }
        return IsOneOf(sorted[1], NegativeWords) && !IsOneOf(sorted[0], NegativeWords) ? sorted[0] : sorted[1];
    }

    /// <summary>The class a name stands for: the same text, the same text in another case, or the same number.</summary>
    public static string? MatchLabel(string name, IReadOnlyList<string> classes)
    {
        var trimmed = name.Trim();
        return classes.FirstOrDefault(c => c == trimmed)
            ?? classes.FirstOrDefault(c => string.Equals(c.Trim(), trimmed, StringComparison.OrdinalIgnoreCase))
            ?? (DataProfiler.TryParseNumber(trimmed, out var number)
                ? classes.FirstOrDefault(c => DataProfiler.TryParseNumber(c, out var label) && label == number)
                : null);
    }

    /// <summary>The class a submission column is named after: "malignant", "Malignant", "p_malignant", "malignant_prob".</summary>
    public static string? MatchColumn(string column, IReadOnlyList<string> classes) =>
        MatchLabel(column, classes) ?? MatchLabel(ProbabilityAffix().Replace(column, ""), classes);

    /// <summary>One probability column per class: every column is named after its own class, and every class has one.</summary>
    public static List<ClassColumn>? ClassColumnsOf(IReadOnlyList<string> columns, IReadOnlyList<string> classes)
    {
        if (columns.Count < 2 || columns.Count != classes.Count)
        {
            return null;
        }
        var pairs = columns.Select(c => new ClassColumn(c, MatchColumn(c, classes) ?? "")).ToList();
        return pairs.All(p => p.Label.Length > 0) && pairs.Select(p => p.Label).Distinct().Count() == classes.Count ? pairs : null;
    }

    private static string? Hinted(TaskFolder folder, TaskKind kind, string target, IReadOnlyList<string> classes, List<string> conflicts)
    {
        if (folder.Hints.PositiveClass is not { } hint)
        {
            return null;
        }
        if (classes.Count == 0)
        {
            conflicts.Add($"task.json names the positive class '{hint}', but {target} is a {kind.ToString().ToLowerInvariant()} target without classes, so it is not used.");
            return null;
        }
        var label = MatchLabel(hint, classes) ?? throw new TaskFolderException(
            TaskFolder.TaskFileName,
            $"positive_class '{hint}' is not a label of the target {target} in {Path.GetFileName(folder.TrainFile)}; "
            + $"its labels are {string.Join(", ", classes.Take(20))}{(classes.Count > 20 ? " …" : "")}. Correct positive_class or remove it.");
        if (kind != TaskKind.Binary)
        {
            conflicts.Add($"task.json names the positive class '{label}', but {target} has {classes.Count} classes; a positive class only applies to two, so it is not used.");
            return null;
        }
        return label;
    }

    /// <summary>
    /// The one class that phrases asking for a probability name ("the probability that the review is positive",
    /// "probability of class 1", "predict whether the mass is malignant", "P(spam)"); null when none or both are named.
    /// </summary>
    private static (string Label, string Phrase)? FromText(MlTask task, IReadOnlyList<string> classes)
    {
        // Number ranges ("between 0 and 1", "0 to 1") describe the probability, not a class.
        var text = NumberRange().Replace(string.Join("\n", task.Task, task.Submission, task.DataCard), " ");
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match ask in Asking().Matches(text))
        {
            var named = classes.Where(c => Names(ask.Value, c)).ToList();
            if (named is [var label])
            {
                found.TryAdd(label, ask.Value.Trim().Length > 80 ? ask.Value.Trim()[..80] + "…" : ask.Value.Trim());
            }
        }
        return found.Count == 1 ? (found.Keys.First(), found.Values.First()) : null;
    }

    private static bool Names(string phrase, string label) => Regex.IsMatch(
        phrase, $@"(?<!\bnot\s+|\bnon-|[\w.]){Regex.Escape(label.Trim())}(?!\w|\.\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static bool IsOneOf(string label, string[] words) =>
        words.Contains(label.Trim(), StringComparer.OrdinalIgnoreCase)
        || (DataProfiler.TryParseNumber(label, out var number) && words.Any(w => double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var word) && word == number));

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // A phrase that asks for one class, up to the end of its sentence (a full stop before a space, a semicolon or a line end).
    [GeneratedRegex(@"(\bprobabilit(y|ies)\b|\blikelihood\b|\bchance\b|\bodds\b|\bpredict(s|ed|ing)?\s+(whether|if)\b|\bP\s*\()((?!\.\s|\.$|[;\n]).){0,100}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Asking();

    [GeneratedRegex(@"\bbetween\s+\d+(\.\d+)?\s+and\s+\d+(\.\d+)?|\b\d+(\.\d+)?\s*(-|–|to)\s*\d+(\.\d+)?\b|\[\s*\d+(\.\d+)?\s*,\s*\d+(\.\d+)?\s*\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberRange();

    [GeneratedRegex(@"^(p|pr|prob|proba|probability|is)[_\s.-]+|[_\s.-]+(prob|proba|probability|score)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProbabilityAffix();
}
