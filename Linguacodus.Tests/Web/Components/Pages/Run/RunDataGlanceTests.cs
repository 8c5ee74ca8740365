using Bunit;
using Linguacodus.Core.Data;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

/// <summary>The glance draws what the profile counted, and says why when there is nothing to draw.</summary>
public sealed class RunDataGlanceTests : ComponentTest
{
    private static readonly DataProfile Profile = new(
        TrainRows: 100,
        TestRows: 40,
        Columns:
        [
            new("age", ColumnKind.Numeric, 10, 60, ["31"]) { Histogram = new Histogram(16, 8, [5, 0, 40, 45], 18, 47.5) },
            new("constant", ColumnKind.Numeric, 0, 1, ["7"]) { Histogram = new Histogram(7, 0, [100], 7, 7) },
            new("empty", ColumnKind.Categorical, 100, 0, []) { Counts = new ValueCounts([], 0) },
            new("city", ColumnKind.Categorical, 0, 500, ["Oslo"]),
            new("churn", ColumnKind.Categorical, 0, 2, ["no", "yes"]) { Counts = new ValueCounts([new("no", 70), new("yes", 30)], 0) },
        ],
        TestColumns: ["age", "constant", "empty", "city"],
        IdColumn: null,
        TargetColumn: "churn",
        TargetSource: TargetSource.DataCard,
        DateColumn: null,
        TaskKind: TaskKind.Binary,
        Classes: ["no", "yes"],
        SubmissionColumns: ["churn"],
        PositiveClass: "yes");

    [Fact]
    public void Render_BinaryTarget_MarksThePositiveClassAndListsGapsByShare()
    {
        var cut = Context.Render<RunDataGlance>(p => p.Add(c => c.Profile, Profile));

        var rows = cut.FindAll("[data-testid=glance-target-bars] .lc-barlist-row");
        Assert.Equal(["no", "yes"], rows.Select(r => r.QuerySelector(".lc-barlist-name")!.TextContent));
        Assert.Equal("yes", cut.Find(".lc-barlist-marked .lc-barlist-name").TextContent);
        var missing = cut.FindAll("[data-testid=glance-missing-bars] .lc-barlist-row");
        Assert.Equal(["empty", "age"], missing.Select(r => r.QuerySelector(".lc-barlist-name")!.TextContent));
        Assert.Equal("100 %", missing[0].QuerySelector(".lc-barlist-value")!.TextContent.Replace('\u00a0', ' '));
        Assert.Empty(cut.FindAll("[data-testid=glance-series]"));
        Assert.Empty(cut.FindAll("[data-testid=glance-images]"));
    }

    [Fact]
    public void Render_Columns_DrawWhatWasCountedAndSayWhyNot()
    {
        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Profile, Profile));

        Assert.Equal(4, cut.FindAll("[data-testid=column-chart-age] rect").Count);
        Assert.Contains("every value is 7", cut.Find("[data-testid=column-chart-constant] rect title").TextContent);
        var cells = cut.FindAll("td.lc-column-chart").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("every value is missing", cells[2]);
        Assert.Equal("500 distinct values, too many to draw", cells[3]);
    }

    [Fact]
    public void Render_ImagesTooLargeOrOfAnotherFormat_SayWhyInsteadOfABrokenPicture()
    {
        ImageSample[] samples = [new("a.png", "cat", 2_000), new("b.png", "dog", 40L * 1024 * 1024), new("c.tif", "cat", 3_000)];
        var link = new ImageLink("train.csv", Linguacodus.Core.Tasks.FileRole.Train, "image", 3, 0, []) { Samples = samples };
        var profile = Profile with { ImageFolders = [new ImageFolderProfile("images", 3, [], [], 3, [], 0, [], [link])] };

        var cut = Context.Render<RunDataGlance>(p => p.Add(c => c.Profile, profile));

        Assert.Single(cut.FindAll("[data-testid=glance-image]"));
        Assert.Equal(["40 MB, too large to show", "tif file, not shown"], cut.FindAll("[data-testid=glance-image-not-shown]").Select(e => e.TextContent));
        Assert.Equal(["cat", "dog", "cat"], cut.FindAll(".lc-sample figcaption").Select(e => e.TextContent));
    }

    [Fact]
    public void Render_SeriesOutOfDateOrder_SaysItIsNotDrawn()
    {
        var series = Profile with
        {
            Series = new SeriesAxis("day", SeriesFrequency.Daily, 7, "2024-01-01", "2024-03-31", "2024-04-01", "2024-04-30"),
            TaskKind = TaskKind.Forecast,
        };

        var cut = Context.Render<RunDataGlance>(p => p.Add(c => c.Profile, series));

        Assert.Contains("not in date order", cut.Find("[data-testid=glance-series]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=glance-series-line]"));
    }
}
