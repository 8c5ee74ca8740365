using System.Text;
using Linguacodus.Core.Data;
using Linguacodus.Core.Instructions;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>
/// Weighs each candidate's model family against the data profile (rows, gaps, categories, pixels, time),
/// lists each option's strengths and flaws, and picks the option with the best balance. A family that scored best on a
/// similar solved task counts as one strength more.
/// </summary>
internal sealed class BaselineJudge : IJudge
{
    public Task<Verdict> JudgeAsync(
        MlTask task, DataProfile profile, IReadOnlyList<string> candidates, IReadOnlyList<SimilarCase> similar,
        Action<string> critique, CancellationToken cancellationToken)
    {
        var precedent = BaselineInstructionWriter.Precedent(profile, similar);
        var assessments = candidates.Select((text, i) => Assess(i + 1, BaselineRecipes.Detect(text), profile)).ToList();
        foreach (var assessment in assessments.Where(a => a.Recipe == precedent?.Recipe))
        {
            var found = precedent!.Value.Case;
            assessment.Points.Add((true, $"scored best on a similar solved task, {found.Title} ({found.Metric} {found.Score:0.####})"));
        }
        foreach (var assessment in assessments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = new StringBuilder($"Option {assessment.Index} ({BaselineRecipes.Phrase(assessment.Recipe)}):\n");
            foreach (var (good, point) in assessment.Points)
            {
                text.Append(good ? "+ " : "- ").Append(point).Append('\n');
            }
            critique(text.Append('\n').ToString());
        }
        var best = assessments.OrderByDescending(a => a.Score).ThenBy(a => a.Index).First();
        var reasons = $"Option {best.Index} fits this data best: "
            + string.Join("; ", best.Points.Where(p => p.Good).Select(p => p.Point)) + ".";
        critique($"Verdict: {reasons}\n");
        var improved = Improve(Instruction.Parse(candidates[best.Index - 1]), profile);
        return Task.FromResult(new Verdict(best.Index, reasons, improved.ToString()));
    }

    private sealed record Assessment(int Index, BaselineRecipe Recipe, List<(bool Good, string Point)> Points)
    {
        public int Score => Points.Sum(p => p.Good ? 1 : -1);
    }

    private static Assessment Assess(int index, BaselineRecipe recipe, DataProfile profile)
    {
        var points = new List<(bool, string)>();
        var features = profile.Features.ToList();
        var gaps = features.Count(c => c.Missing > 0);
        var categorical = features.Count(c => c.Kind is ColumnKind.Categorical or ColumnKind.Text);
        var pixels = BaselineInstructionWriter.IsPixelTask(profile);
        var small = profile.TrainRows < 1_000;
        switch (recipe)
        {
            case BaselineRecipe.GradientBoosting:
                points.Add((true, "boosted trees capture interactions and non-linear effects"));
                if (gaps > 0) { points.Add((true, $"handles the gaps in {gaps} columns natively")); }
                if (categorical > 0) { points.Add((true, "treats categorical columns as categories, not as an order")); }
                if (small) { points.Add((false, $"with {profile.TrainRows:N0} rows, 300 boosting rounds can overfit")); }
                if (profile.TaskKind == TaskKind.Forecast) { points.Add((false, "the residual model can chase noise in a short series")); }
                break;
            case BaselineRecipe.RandomForest:
                points.Add((true, "robust with default settings and little tuning"));
                if (gaps > 0) { points.Add((false, "median imputation hides whether a value was missing")); }
                if (categorical > 0) { points.Add((false, "integer codes impose an arbitrary order on categories")); }
                if (profile.TrainRows > 200_000) { points.Add((false, "400 full-depth trees are slow and large at this size")); }
                if (profile.TaskKind == TaskKind.Forecast) { points.Add((false, "a forest cannot extrapolate beyond the values seen in training")); }
                if (pixels) { points.Add((false, "axis-aligned splits on single pixels ignore their spatial correlation")); }
                break;
            case BaselineRecipe.KernelSvm:
                points.Add((true, "an RBF kernel on PCA components suits smooth image manifolds"));
                if (profile.TrainRows > 20_000) { points.Add((false, "kernel methods scale quadratically with rows")); }
                else { points.Add((true, $"{profile.TrainRows:N0} rows keep the kernel affordable")); }
                break;
            default:
                if (profile.TaskKind == TaskKind.Forecast)
                {
                    points.Add((true, "seasonal dummies and a smooth trend extrapolate stably beyond the training period"));
                    points.Add((true, "few parameters suit a single series"));
                    break;
                }
                points.Add((false, "assumes effects are additive and linear"));
                if (small) { points.Add((true, "stable on few rows")); }
                if (pixels) { points.Add((false, "a linear boundary on raw pixels misses shapes")); }
                if (features.Any(c => c.Kind == ColumnKind.Categorical && c.Distinct > 50)) { points.Add((false, "one-hot of high-cardinality columns inflates the feature space")); }
                break;
        }
        return new Assessment(index, recipe, points);
    }

    /// <summary>Adds what the chosen plan leaves implicit but the data demands.</summary>
    private static Instruction Improve(Instruction chosen, DataProfile profile)
    {
        var additions = new List<string>();
        if (profile.IdColumn is { } id)
        {
            additions.Add($"Check that '{id}' is excluded from the features and that every test {id} appears once in the submission.");
        }
        additions.Add(profile.TaskKind == TaskKind.Forecast
            ? "Never shuffle before splitting: the validation period must come after the training period."
            : "Fit imputers, encoders and scalers inside the model pipeline, on training rows only, so validation stays honest.");
        return chosen.With("Model Training", additions);
    }
}
