using System.Text.RegularExpressions;

namespace Linguacodus.Core.Artifacts;

/// <summary>
/// The ways a program can validate a series on shuffled rows or on folds that train on the future, however the split
/// is written. Holding out the last rows (slicing by position or date) and TimeSeriesSplit are what a series needs.
/// </summary>
internal static partial class SeriesSplitLint
{
    private const string Fix = "hold out the last period instead (slice by position or date, or use TimeSeriesSplit)";

    /// <summary>One message per shuffling construct found in the (comment-free) program.</summary>
    public static IEnumerable<string> Find(string code)
    {
        if (Calls(code, "train_test_split").FirstOrDefault(args => !NoShuffle().IsMatch(args)) is not null)
        {
            yield return $"train_test_split shuffles the rows unless given shuffle=False; {Fix}.";
        }
        if (Folds().Match(code) is { Success: true } folds)
        {
            yield return $"{folds.Groups["name"].Value} validates on folds whose training rows come after them{(Calls(code, folds.Groups["name"].Value).Any(a => Shuffle().IsMatch(a)) ? " and shuffles the rows" : "")}; {Fix}.";
        }
        if (ShuffleSplit().Match(code) is { Success: true } split)
        {
            yield return $"{split.Value.TrimEnd('(')} draws shuffled validation rows; {Fix}.";
        }
        foreach (var search in CrossValidation().Matches(code).Select(m => m.Groups["name"].Value).Distinct())
        {
            // No cv, or a number of folds: scikit-learn makes k-fold splits that train on later rows.
            if (Calls(code, search).FirstOrDefault(args => !CvGiven().IsMatch(args) || CvFolds().IsMatch(args)) is not null)
            {
                yield return $"{search} uses k-fold splits (its cv is a number or left out), which train on later rows; pass cv=TimeSeriesSplit(...).";
            }
        }
        if (SampleRows().IsMatch(code))
        {
            yield return $".sample(frac=...) shuffles the rows before they are split; keep the series in time order and {Fix}.";
        }
        if (ShuffleCall().Match(code) is { Success: true } shuffle)
        {
            yield return $"'{shuffle.Value.TrimEnd('(')}' reorders the rows at random; keep the series in time order and {Fix}.";
        }
    }

    /// <summary>The argument text of every call of <paramref name="function"/>, nested parentheses included.</summary>
    private static IEnumerable<string> Calls(string code, string function)
    {
        foreach (Match call in Regex.Matches(code, $@"\b{Regex.Escape(function)}\s*\("))
        {
            var depth = 1;
            var end = call.Index + call.Length;
            while (end < code.Length && depth > 0)
            {
                depth += code[end] switch { '(' => 1, ')' => -1, _ => 0 };
                end++;
            }
            yield return code[(call.Index + call.Length)..Math.Max(call.Index + call.Length, end - 1)];
        }
    }

    [GeneratedRegex(@"\bshuffle\s*=\s*False\b")]
    private static partial Regex NoShuffle();

    [GeneratedRegex(@"\bshuffle\s*=\s*True\b")]
    private static partial Regex Shuffle();

    [GeneratedRegex(@"\b(?<name>(Repeated|Stratified|Group|StratifiedGroup|RepeatedStratified)?KFold)\s*\(")]
    private static partial Regex Folds();

    [GeneratedRegex(@"\b(Stratified|Group)?ShuffleSplit\s*\(")]
    private static partial Regex ShuffleSplit();

    [GeneratedRegex(@"\b(?<name>cross_val_score|cross_validate|cross_val_predict|GridSearchCV|RandomizedSearchCV|HalvingGridSearchCV|HalvingRandomSearchCV)\s*\(")]
    private static partial Regex CrossValidation();

    [GeneratedRegex(@"\bcv\s*=")]
    private static partial Regex CvGiven();

    [GeneratedRegex(@"\bcv\s*=\s*\d+\s*(,|$)")]
    private static partial Regex CvFolds();

    [GeneratedRegex(@"\.sample\(\s*frac\s*=")]
    private static partial Regex SampleRows();

    [GeneratedRegex(@"\b(np\.random\.shuffle|np\.random\.permutation|random\.shuffle|shuffle|permutation)\s*\(")]
    private static partial Regex ShuffleCall();
}
