using Linguacodus.Core.Data;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>The baseline instruction's steps for a dated series, as <see cref="SeriesCode"/> carries them out.</summary>
internal static class SeriesInstructions
{
    public static IEnumerable<string> Preprocessing(DataProfile profile)
    {
        var axis = profile.Series;
        var exogenous = profile.Features.Where(c => c.Name != profile.DateColumn && c.Kind is ColumnKind.Numeric or ColumnKind.Categorical).Select(c => $"'{c.Name}'").ToList();
        yield return $"'{profile.DateColumn}' is the time axis"
            + (axis is null ? "" : $" of a {axis.FrequencyText} series; forecast {axis.TestPeriod} ({profile.TestRows:N0} periods)")
            + ": parse it as dates, drop rows without a target and sort by date; never use it as an id.";
        yield return axis switch
        {
            { Frequency: SeriesFrequency.Yearly } => "Derive the trend from the years since the first date; a yearly series has no calendar season.",
            { DailyOrFiner: false } => $"Derive calendar features: years since the first date (the trend), month and day of year; no day of week for a {axis.FrequencyText} series.",
            _ => "Derive calendar features: years since the first date (the trend), month, day of year and day of week.",
        };
        if (exogenous.Count > 0)
        {
            yield return $"Use the columns known for the test dates as exogenous features: {string.Join(", ", exogenous)} (categories as indicators).";
        }
    }

    public static IEnumerable<string> Architecture(BaselineRecipe recipe)
    {
        yield return recipe switch
        {
            BaselineRecipe.Linear => "Ridge regression on seasonal dummies (one indicator per month and weekday), smooth day-of-year terms and the exogenous columns, on top of a trend in time.",
            BaselineRecipe.GradientBoosting => "A trend in time fitted by least squares, plus histogram gradient boosting on the calendar and exogenous features to model what the trend leaves over.",
            _ => "A trend in time fitted by least squares, plus a random forest of 300 trees on the calendar and exogenous features for the seasonal remainder.",
        };
        yield return "Trees cannot extrapolate a trend, so the trend is modelled separately; its degree (none, straight, quadratic) is chosen on the validation period.";
    }

    public static string Validation(DataProfile profile) =>
        "Hold out the last part of the training period, as long as the test period when training is long enough (in time order, no shuffling), for validation; "
        + (profile.Series is { } axis
            ? $"compare with the seasonal-naive forecast (the last {axis.SeasonLength} periods repeated) and submit that instead when the model does not beat it."
            : "no regular time axis was found, so there is no seasonal-naive baseline.")
        + (profile.Targets.Count > 1
            ? $" Each of the {profile.Targets.Count} targets gets its own trend degree and its own choice of forecast, scored on its own; the score is their average."
            : "");
}
