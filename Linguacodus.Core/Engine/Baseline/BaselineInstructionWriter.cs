using System.Runtime.CompilerServices;
using Linguacodus.Core.Data;
using Linguacodus.Core.Instructions;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>
/// Writes three genuinely different plans (different model families and preprocessing) from the data profile. The
/// family that scored best on the most similar solved task comes first, and its card says so.
/// </summary>
internal sealed class BaselineInstructionWriter : IInstructionWriter
{
    public async IAsyncEnumerable<CandidateDelta> WriteAsync(
        MlTask task, DataProfile profile, int count, IReadOnlyList<SimilarCase> similar, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var metric = task.Metric;
        var recipes = RecipesFor(profile).ToList();
        var precedent = Precedent(profile, similar);
        if (precedent is { } first)
        {
            recipes.Remove(first.Recipe);
            recipes.Insert(0, first.Recipe);
        }
        for (var i = 0; i < Math.Min(count, recipes.Count); i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var plan = Write(recipes[i], profile, metric);
            if (i == 0 && precedent is { } best)
            {
                plan = plan.With("Model Training", $"Ranked first because {BaselineRecipes.Phrase(best.Recipe)} scored best on a similar solved task: {best.Case.Title} ({best.Case.Metric} {best.Case.Score:0.####}).");
            }
            // Line by line, so the UI fills the cards the same way it does for a model's tokens.
            foreach (var line in plan.ToString().Split('\n'))
            {
                yield return new CandidateDelta(i + 1, line + "\n");
            }
            await Task.Yield();
        }
    }

    public static IReadOnlyList<BaselineRecipe> RecipesFor(DataProfile profile) => profile switch
    {
        { TaskKind: TaskKind.Forecast } => [BaselineRecipe.Linear, BaselineRecipe.GradientBoosting, BaselineRecipe.RandomForest],
        _ when IsPixelTask(profile) || ImageCode.PlanFor(profile) is not null => [BaselineRecipe.KernelSvm, BaselineRecipe.RandomForest, BaselineRecipe.Linear],
        _ => [BaselineRecipe.GradientBoosting, BaselineRecipe.RandomForest, BaselineRecipe.Linear],
    };

    /// <summary>
    /// The family that scored best on the most similar remembered case it fits this data (one this engine writes for
    /// such a task), and that case; null when no similar case has one.
    /// </summary>
    public static (BaselineRecipe Recipe, SimilarCase Case)? Precedent(DataProfile profile, IReadOnlyList<SimilarCase> similar)
    {
        var fitting = RecipesFor(profile);
        foreach (var found in similar)
        {
            var recipe = BaselineRecipes.Detect(found.BestFamily);
            if (fitting.Contains(recipe))
            {
                return (recipe, found);
            }
        }
        return null;
    }

    public static bool IsPixelTask(DataProfile profile) =>
        profile.Features.Count(c => c.Kind == ColumnKind.Pixel) * 2 > profile.Features.Count();

    public static Instruction Write(BaselineRecipe recipe, DataProfile profile, Metric metric) =>
        new([
            new InstructionSection("Data Preprocessing", [.. Preprocessing(recipe, profile)]),
            new InstructionSection("Model Architecture", [.. Architecture(recipe, profile)]),
            new InstructionSection("Model Training", [.. Training(recipe, profile, metric)]),
        ]);

    private static IEnumerable<string> Preprocessing(BaselineRecipe recipe, DataProfile profile)
    {
        var features = profile.Features.ToList();
        var categorical = features.Where(c => c.Kind == ColumnKind.Categorical).Select(c => c.Name).ToList();
        var text = features.Where(c => c.Kind == ColumnKind.Text).Select(c => c.Name).ToList();
        var withGaps = features.Where(c => c.Missing > 0).Select(c => c.Name).ToList();
        yield return $"Load train.csv ({profile.TrainRows:N0} rows) and test.csv ({profile.TestRows:N0} rows); {MultiTargetCode.Phrase(profile)}"
            + (profile.IdColumn is null ? "." : $"; keep '{profile.IdColumn}' only to identify rows, never as a feature.");
        if (ImageCode.PlanFor(profile) is { } images)
        {
            foreach (var step in ImageCode.Steps(images))
            {
                yield return step;
            }
            yield break;
        }
        if (profile.TaskKind == TaskKind.Forecast)
        {
            foreach (var step in SeriesInstructions.Preprocessing(profile))
            {
                yield return step;
            }
            yield break;
        }
        if (IsPixelTask(profile))
        {
            yield return $"Treat the {features.Count} pixel columns as one image vector and scale intensities to [0, 1] by the largest pixel value.";
        }
        if (withGaps.Count > 0)
        {
            yield return recipe switch
            {
                BaselineRecipe.GradientBoosting => $"Leave missing values in {Names(withGaps)} as they are: the model learns where gaps should go.",
                BaselineRecipe.Linear => $"Impute missing values in {Names(withGaps)} with the median and add a missing-value indicator per column.",
                _ => $"Impute missing values in {Names(withGaps)} with the column median.",
            };
        }
        if (categorical.Count > 0)
        {
            yield return recipe == BaselineRecipe.Linear
                ? $"One-hot encode the categorical columns {Names(categorical)}, ignoring categories unseen in training."
                : $"Encode the categorical columns {Names(categorical)} as integer codes (unknown categories get their own code)"
                    + (recipe == BaselineRecipe.GradientBoosting ? " and declare them categorical to the model." : ".");
        }
        if (text.Count > 0)
        {
            yield return $"Turn the free-text columns {Names(text)} into TF-IDF features (300 most frequent terms each).";
        }
        if (recipe is BaselineRecipe.Linear or BaselineRecipe.KernelSvm)
        {
            yield return "Standardise numeric features to zero mean and unit variance.";
        }
    }

    private static IEnumerable<string> Architecture(BaselineRecipe recipe, DataProfile profile)
    {
        var classify = profile.TaskKind is TaskKind.Binary or TaskKind.Multiclass;
        if (profile.TaskKind == TaskKind.Forecast)
        {
            foreach (var step in SeriesInstructions.Architecture(recipe))
            {
                yield return step;
            }
            yield break;
        }
        yield return recipe switch
        {
            BaselineRecipe.GradientBoosting => $"HistGradientBoosting{(classify ? "Classifier" : "Regressor")} (gradient boosting): learning rate 0.06, up to 300 iterations, L2 regularisation 1.0.",
            BaselineRecipe.RandomForest => $"RandomForest{(classify ? "Classifier" : "Regressor")} with 400 full-depth trees, trying {(classify ? "the square root of the features" : "every feature")} at each split.",
            BaselineRecipe.KernelSvm => $"PCA to at most 40 components followed by a support vector machine ({(classify ? "SVC" : "SVR")}) with an RBF kernel, C = 10.",
            _ => classify
                ? "Logistic regression (L2, C = 1.0, up to 2,000 iterations)."
                : "Ridge regression with the penalty chosen by cross-validation over 13 values from 0.001 to 1000.",
        };
        if (profile.Targets.Count > 1)
        {
            yield return MultiTargetCode.Sentence(profile);
        }
        if (profile.LabelList is { } labels)
        {
            yield return $"Wrap it one-vs-rest over the labels: {LabelListCode.Phrase(labels)}.";
        }
        else if (classify)
        {
            yield return $"Predict {(profile.TaskKind == TaskKind.Binary ? $"the probability of the positive class, {ClassCode.Positive(profile)}" : $"one of {profile.Classes.Count} classes")}.";
        }
    }

    private static IEnumerable<string> Training(BaselineRecipe recipe, DataProfile profile, Metric metric)
    {
        yield return profile.TaskKind switch
        {
            TaskKind.Forecast => SeriesInstructions.Validation(profile),
            TaskKind.Binary or TaskKind.Multiclass => "Hold out a stratified 20% of the training rows for validation.",
            _ => "Hold out a random 20% of the training rows for validation.",
        };
        yield return $"Report {metric.Name} on the hold-out, then refit on all training rows before predicting the test set.";
        if (recipe == BaselineRecipe.GradientBoosting && profile.TrainRows > 10_000)
        {
            yield return "Let early stopping on an internal 10% split choose the number of iterations.";
        }
        yield return $"Write the predictions in the submission format: {string.Join(", ", profile.SubmissionColumns)}.";
    }

    private static string Names(List<string> names) =>
        names.Count <= 6 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(5))} and {names.Count - 5} more";
}
