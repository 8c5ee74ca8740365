using System.Text.RegularExpressions;
using Linguacodus.Core.Data;

namespace Linguacodus.Core.Artifacts;

/// <summary>
/// Reads an integrated program before it runs and reports the mistakes that make a validation score a lie or a
/// submission unusable: learning from test data, the target or the id among the features, a shuffled split on a
/// series, and a submission that cannot match the expected format. Heuristics over the text: a finding is a
/// place to look, and the coder gets it with the error output.
/// </summary>
public static partial class ValidityLint
{
    public static IReadOnlyList<LintFinding> Check(string program, DataProfile profile)
    {
        var code = Comments().Replace(program, "");
        var findings = new List<LintFinding>();
        if (FitOnTest().Match(code) is { Success: true } fit)
        {
            findings.Add(new("fit-on-test", $"'{fit.Value.Trim()}' fits on test data; fit on training rows only and only transform the test set."));
        }
        foreach (var list in FeatureLists().Matches(code).Cast<Match>())
        {
            var names = StringLiterals().Matches(list.Groups["items"].Value).Select(m => m.Groups[1].Value).ToHashSet();
            if (profile.Targets.FirstOrDefault(names.Contains) is { } target)
            {
                findings.Add(new("target-in-features", $"the feature list '{list.Groups["name"].Value}' contains the target '{target}'."));
            }
            if (profile.IdColumn is { } id && names.Contains(id))
            {
                findings.Add(new("id-in-features", $"the feature list '{list.Groups["name"].Value}' contains the id column '{id}'; ids carry no signal."));
            }
        }
        if (WholeFrameAsFeatures().IsMatch(code))
        {
            findings.Add(new("target-in-features", $"X is the whole training frame; drop '{profile.TargetColumn}'{(profile.IdColumn is null ? "" : $" and '{profile.IdColumn}'")} from the features."));
        }
        if (profile.TaskKind == TaskKind.Forecast || profile.Series is not null)
        {
            findings.AddRange(SeriesSplitLint.Find(code).Select(message => new LintFinding("shuffled-series", "a time series: " + message)));
        }
        if (!code.Contains("submission.csv", StringComparison.Ordinal))
        {
            findings.Add(new("submission-missing", "the program never writes submission.csv."));
        }
        else if (!code.Contains("sample_submission.csv", StringComparison.Ordinal)
            && profile.SubmissionColumns.FirstOrDefault(c => !code.Contains($"\"{c}\"", StringComparison.Ordinal) && !code.Contains($"'{c}'", StringComparison.Ordinal)) is { } missing
            && !(missing == profile.IdColumn && code.Contains("ID", StringComparison.Ordinal))
            && !(profile.Targets.Contains(missing) && code.Contains("TARGET", StringComparison.Ordinal)))
        {
            findings.Add(new("submission-columns", $"the submission must have the columns {string.Join(", ", profile.SubmissionColumns)}; '{missing}' is never named."));
        }
        if (Regex.IsMatch(code, @"submission\w*\s*=\s*submission\w*\.(head|sample|iloc)\b"))
        {
            findings.Add(new("submission-rows", $"the submission is cut to fewer rows; it needs one row per test row ({profile.TestRows:N0})."));
        }
        return findings;
    }

    [GeneratedRegex(@"(?m)#.*$")]
    private static partial Regex Comments();

    [GeneratedRegex(@"\.(fit|fit_transform|fit_resample)\(\s*(X_test|x_test|test|test_df|df_test|test_data|X_te)\b")]
    private static partial Regex FitOnTest();

    [GeneratedRegex(@"(?m)^\s*(?<name>\w*(FEATURES|features|feature_cols|feature_columns|NUMERIC|CATEGORICAL|TEXT|numeric_cols|categorical_cols)\w*)\s*=\s*\[(?<items>[^\]]*)\]")]
    private static partial Regex FeatureLists();

    [GeneratedRegex(@"[""']([^""']+)[""']")]
    private static partial Regex StringLiterals();

    [GeneratedRegex(@"(?m)^\s*X\s*=\s*(train|train_df|df_train|df)(\.copy\(\))?\s*$")]
    private static partial Regex WholeFrameAsFeatures();
}
