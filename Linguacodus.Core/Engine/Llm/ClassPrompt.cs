using Linguacodus.Core.Data;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>The class facts as the LLM sees them: which class a probability is for, and which column holds which class.</summary>
internal static class ClassPrompt
{
    /// <summary>One line, or nothing when the task has no positive class and no per-class columns; <paramref name="compact"/> keeps only the positive class.</summary>
    public static string Describe(DataProfile profile, bool compact = false)
    {
        var lines = new List<string>();
        if (profile.TargetPositiveClasses is { Count: > 1 } perTarget)
        {
            var pairs = string.Join(", ", profile.Targets.Select(t => $"P({t} = {perTarget.GetValueOrDefault(t)})"));
            lines.Add(compact
                ? $"positive classes: {pairs}, each found in its own model's classes_."
                : $"Each target's probability column is the probability of its positive class: {pairs}. "
                    + "Find each in its own model's classes_ by label, never by position.");
        }
        else if (profile.PositiveClass is { } positive)
        {
            var other = profile.Classes.FirstOrDefault(c => c != positive);
            lines.Add(compact
                ? $"positive class: {positive}; the probability column is P({profile.TargetColumn} = {positive}), found with list(model.classes_).index(...)."
                : $"The positive class is {positive} (from the {profile.PositiveClassSource.Describe()}); the submission's probability column is "
                    + $"P({profile.TargetColumn} = {positive}){(other is null ? "" : $", not the probability of {other}")}. "
                    + "Find its column of predict_proba with list(model.classes_).index(...), never by position.");
        }
        if (profile.ClassColumns is { Count: > 0 } columns && !compact)
        {
            lines.Add("Probability columns of submission.csv, each by its class: "
                + string.Join(", ", columns.Take(30).Select(c => $"{c.Column} = P({c.Label})")) + (columns.Count > 30 ? " …" : "")
                + ". Write each by its class's name, not in model.classes_ order.");
        }
        return string.Join("\n", lines);
    }
}
