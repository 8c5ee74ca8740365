using Linguacodus.Core.Data;
using Linguacodus.Core.Engine.Llm;

namespace Linguacodus.Tests.Core.Llm;

public sealed class SeriesPromptTests
{
    [Fact]
    public void Describe_Series_NamesTheTimeAxisItsFrequencyAndATimeOrderedValidation()
    {
        var series = new SeriesAxis("day", SeriesFrequency.Weekly, 52, "2010-01-03", "2019-12-29", "2020-01-05", "2020-12-27");
        var profile = new DataProfile(
            520, 52, [new("day", ColumnKind.Date, 0, 520, []), new("sales", ColumnKind.Numeric, 0, 400, [])], ["day"], null, "sales",
            TargetSource.TrainTestDifference, "day", TaskKind.Forecast, [], ["day", "sales"], series);

        var text = PromptValues.Describe(profile);

        Assert.Contains("time axis: day, a weekly series (season 52), forecast for 2020-01-05 to 2020-12-27. It is not an id", text);
        Assert.Contains("validate in time order on the last periods of training, never on shuffled rows", text);
        Assert.DoesNotContain("time axis", PromptValues.Describe(profile with { Series = null }));
    }
}
