using Linguacodus.Core.Instructions;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>The model families the baseline engine can write code for.</summary>
internal enum BaselineRecipe
{
    GradientBoosting,
    RandomForest,
    Linear,
    KernelSvm,
}

internal static class BaselineRecipes
{
    private static readonly (BaselineRecipe Recipe, string[] Words)[] Keywords =
    [
        (BaselineRecipe.GradientBoosting, ["gradient boosting", "histgradientboosting", "xgboost", "lightgbm", "catboost", "boosted"]),
        (BaselineRecipe.RandomForest, ["random forest", "randomforest", "extra trees", "decision trees"]),
        (BaselineRecipe.KernelSvm, ["support vector", "svc", "svm", "svr", "rbf kernel"]),
        (BaselineRecipe.Linear, ["logistic regression", "ridge", "linear regression", "linear model", "seasonal dummies", "lasso"]),
    ];

    /// <summary>The family in words, as cards, critiques and the memory of cases name it (<see cref="Detect"/> reads it back).</summary>
    public static string Phrase(BaselineRecipe recipe) => recipe switch
    {
        BaselineRecipe.GradientBoosting => "gradient boosting",
        BaselineRecipe.RandomForest => "random forest",
        BaselineRecipe.KernelSvm => "kernel SVM",
        _ => "linear model",
    };

    /// <summary>
    /// Reads which model family an instruction asks for (the earliest mention in its Model Architecture section wins),
    /// so that edited or LLM-written instructions still steer the baseline code.
    /// </summary>
    public static BaselineRecipe Detect(string instruction)
    {
        var parsed = Instruction.Parse(instruction);
        var architecture = parsed.Section("Model Architecture") is { } section
            ? string.Join("\n", section.Bullets)
            : instruction;
        var text = architecture.ToLowerInvariant();
        var found = Keywords
            .Select(k => (k.Recipe, At: k.Words.Select(w => text.IndexOf(w, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(int.MaxValue).Min()))
            .Where(k => k.At != int.MaxValue)
            .OrderBy(k => k.At)
            .ToList();
        return found.Count > 0 ? found[0].Recipe : BaselineRecipe.GradientBoosting;
    }
}
