using Bunit;
using Linguacodus.Core.Data;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunDataSeriesTests : ComponentTest
{
    private static DataProfile Profile(SeriesAxis? series) => new(
        TrainRows: 1_401,
        TestRows: 60,
        Columns: [new("date", ColumnKind.Date, 0, 1_000, ["2012-01-01"]), new("temp_min", ColumnKind.Numeric, 0, 200, ["5"]), new("temp_max", ColumnKind.Numeric, 0, 300, ["12.8"])],
        TestColumns: ["date", "temp_min"],
        IdColumn: null,
        TargetColumn: "temp_max",
        TargetSource: TargetSource.SampleSubmission,
        DateColumn: "date",
        TaskKind: TaskKind.Forecast,
        Classes: [],
        SubmissionColumns: ["date", "temp_max"],
        Series: series);

    [Fact]
    public void Render_Series_ShowsTimeAxisFrequencyAndTestPeriod()
    {
        var series = new SeriesAxis("date", SeriesFrequency.Daily, 7, "2012-01-01", "2015-11-01", "2015-11-02", "2015-12-31");

        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Profile, Profile(series)));

        var text = cut.Find("[data-testid=profile-series]").TextContent;
        Assert.Contains("date", text);
        Assert.Contains("daily series (season of 7 periods)", text);
        Assert.Contains("forecast 2015-11-02 to 2015-12-31 (60 periods)", text);
    }

    [Fact]
    public void Render_NoSeries_ShowsNoTimeAxis()
    {
        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Profile, Profile(null)));

        Assert.Empty(cut.FindAll("[data-testid=profile-series]"));
    }
}
