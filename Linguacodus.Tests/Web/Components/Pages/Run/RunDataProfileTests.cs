using Bunit;
using Linguacodus.Core.Data;
using Linguacodus.Web.Components.Pages.Run;

namespace Linguacodus.Tests.Web.Components.Pages.Run;

public sealed class RunDataProfileTests : ComponentTest
{
    private static readonly DataProfile Profile = new(
        TrainRows: 1_234,
        TestRows: 400,
        Columns:
        [
            new("id", ColumnKind.Numeric, 0, 1_234, ["1", "2"]),
            new("age", ColumnKind.Numeric, 17, 60, ["31", "45"]),
            new("city", ColumnKind.Categorical, 0, 4, ["<b>Oslo</b>", "Rome"]),
            new("leak", ColumnKind.Numeric, 0, 9, ["1"]),
            new("churn", ColumnKind.Categorical, 0, 2, ["0", "1"]),
        ],
        TestColumns: ["id", "age", "city"],
        IdColumn: "id",
        TargetColumn: "churn",
        TargetSource: TargetSource.DataCard,
        DateColumn: null,
        TaskKind: TaskKind.Binary,
        Classes: ["0", "1"],
        SubmissionColumns: ["id", "churn"]);

    [Fact]
    public void Render_Profile_ShowsFactsAndOneRowPerColumn()
    {
        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Profile, Profile));

        Assert.Equal("1,234", cut.Find("[data-testid=profile-train-rows]").TextContent);
        Assert.Equal("churn", cut.Find("[data-testid=profile-target]").TextContent);
        Assert.Equal("binary", cut.Find("[data-testid=profile-task-kind]").TextContent);
        Assert.Equal(5, cut.FindAll("tbody tr").Count);
        Assert.Contains("target", cut.Find("tr.lc-target-row").TextContent);
        Assert.Contains("train only", cut.FindAll("tbody tr")[3].TextContent);
        Assert.Equal("17", cut.Find("td.lc-missing").TextContent);
        Assert.Contains("<b>Oslo</b>", cut.FindAll("tbody tr")[2].TextContent);
    }

    [Fact]
    public void Render_TextColumn_ShowsHowLongItsValuesAre()
    {
        var profile = Profile with
        {
            Columns = [.. Profile.Columns, new("review", ColumnKind.Text, 0, 1_234, ["A fine stay"], new TextLength(419.6, 77.6, 3_120))],
        };

        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Profile, profile));

        Assert.Equal("about 420 characters (78 words), longest 3,120", cut.Find("[data-testid=column-length-review]").TextContent);
        Assert.Single(cut.FindAll(".lc-text-length"));
    }

    [Fact]
    public void Render_SeveralTargets_ListsThemAllAndMarksTheirRows()
    {
        var profile = Profile with { TaskKind = TaskKind.Regression, Classes = [], SubmissionColumns = ["id", "churn", "leak"], Targets = ["churn", "leak"] };

        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Profile, profile));

        Assert.Equal("churn", cut.Find("[data-testid=profile-target]").TextContent);
        Assert.Equal("churn, leak", cut.Find("[data-testid=profile-targets]").TextContent);
        Assert.Contains("2 targets, predicted together", cut.Markup);
        Assert.Equal(2, cut.FindAll("tr.lc-target-row").Count);
    }

    [Fact]
    public void Render_DefaultPositiveClass_ShowsItAsAssumedWithWhereItCameFrom()
    {
        var profile = Profile with
        {
            PositiveClass = "1",
            PositiveClassSource = PositiveClassSource.Default,
            PositiveClassEvidence = "nothing names a class",
            PositiveClassNotes = [],
        };

        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Profile, profile));

        var fact = cut.Find("[data-testid=profile-positive-class]");
        Assert.Contains("1", fact.TextContent);
        Assert.Contains("assumed", fact.TextContent);
        Assert.Equal("Assumed: nothing names a class.", fact.GetAttribute("title"));
        Assert.Empty(cut.FindAll("[data-testid=profile-positive-class-notes]"));
    }

    [Fact]
    public void Render_PositiveClassWithAConflict_ShowsTheNote()
    {
        var profile = Profile with
        {
            PositiveClass = "0",
            PositiveClassSource = PositiveClassSource.SubmissionColumn,
            PositiveClassEvidence = "the submission column '0'",
            PositiveClassNotes = ["The task text names the class '1'."],
        };

        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Profile, profile));

        Assert.Equal("Found from the submission column '0'.", cut.Find("[data-testid=profile-positive-class]").GetAttribute("title"));
        Assert.Contains("names the class '1'", cut.Find("[data-testid=profile-positive-class-notes]").TextContent);
    }

    [Fact]
    public void Render_SeveralBinaryTargets_ShowsEachTargetsPositiveClass()
    {
        var profile = Profile with
        {
            Targets = ["churn", "leak"],
            SubmissionColumns = ["id", "churn", "leak"],
            PositiveClass = "1",
            PositiveClassSource = PositiveClassSource.Default,
            PositiveClassEvidence = "nothing names a class",
            TargetPositiveClasses = new Dictionary<string, string> { ["churn"] = "1", ["leak"] = "flagged" },
        };

        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Profile, profile));

        var fact = cut.Find("[data-testid=profile-positive-classes]");
        Assert.Contains("churn: 1, leak: flagged", fact.TextContent);
        Assert.Contains("assumed", fact.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=profile-positive-class]"));
    }

    [Fact]
    public void Render_LabelListTarget_SaysTheAnswerIsSpaceSeparatedLabels()
    {
        var profile = Profile with { TaskKind = TaskKind.Multiclass, LabelList = new LabelList(["even", "odd", "prime"], SeveralPerRow: true, K: 0) };

        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Profile, profile));

        Assert.Equal(
            "space-separated labels, one or more per row (from 3 labels seen in training)",
            cut.Find("[data-testid=profile-label-list]").TextContent);
    }

    [Fact]
    public void Render_ProfileWithoutPositiveClass_ShowsNoPositiveClassFact()
    {
        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Profile, Profile));

        Assert.Empty(cut.FindAll("[data-testid=profile-positive-class]"));
    }

    [Fact]
    public void Render_NoProfileWhilePlanning_ShowsPlaceholders()
    {
        var cut = Context.Render<RunDataProfile>(p => p.Add(c => c.Waiting, true));

        Assert.NotEmpty(cut.FindAll(".mud-skeleton"));
        Assert.Contains("Reading the data", cut.Markup);
    }
}
