using Bunit;
using Linguacodus.Web.Components.Pages.NewTask;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Linguacodus.Tests.Web.Components.Pages.NewTask;

/// <summary>The form over the app's real services: uploads land on disk, a start creates a real run.</summary>
public sealed class NewTaskPageTests : ComponentTest
{
    private AppServices _app = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _app = await AppServices.AddToAsync(Context);
    }

    public override async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("task-title", "input")]
    [InlineData("task-description", "textarea")]
    [InlineData("task-data-type", "input")]
    [InlineData("task-metric", "input")]
    [InlineData("task-data-card", "textarea")]
    [InlineData("task-submission", "textarea")]
    public void Render_Form_PutsTestIdsOnTheInputElements(string testId, string element)
    {
        var page = Context.Render<NewTaskPage>();

        var matches = page.FindAll($"[data-testid={testId}]");

        Assert.Single(matches);
        Assert.Equal(element, matches[0].LocalName);
    }

    [Fact]
    public void Render_Form_HasMultipleCsvFileInput()
    {
        var page = Context.Render<NewTaskPage>();

        var input = page.Find("input[data-testid=task-files]");

        Assert.Equal("file", input.GetAttribute("type"));
        Assert.True(input.HasAttribute("multiple"));
        Assert.Contains(".csv", input.GetAttribute("accept"));
    }

    [Fact]
    public void PickExample_BreastCancer_FillsFieldsAndListsItsFiles()
    {
        var page = Context.Render<NewTaskPage>();

        page.Find("[data-testid=example-breast-cancer]").Click();

        Assert.Equal("Breast Cancer Diagnosis from Cell Nuclei Measurements", page.Find("[data-testid=task-title]").GetAttribute("value"));
        Assert.Equal("roc", page.Find("[data-testid=task-metric]").GetAttribute("value"));
        Assert.Contains("id,diagnosis", page.Find("[data-testid=task-submission]").GetAttribute("value") ?? page.Find("[data-testid=task-submission]").TextContent);
        Assert.Equal(["train.csv", "test.csv", "sample_submission.csv"], page.FindAll(".lc-file-name").Select(f => f.TextContent));
    }

    [Fact]
    public async Task Start_EmptyForm_ShowsWhatIsMissingAndKeepsTheInput()
    {
        var page = Context.Render<NewTaskPage>();
        page.Find("[data-testid=task-title]").Change("My churn task");

        page.Find("[data-testid=start-run]").Click();

        var error = page.Find("[data-testid=task-error]").TextContent;
        Assert.Contains("Describe in a sentence or two", error);
        Assert.Contains("Name the metric", error);
        Assert.Equal("My churn task", page.Find("[data-testid=task-title]").GetAttribute("value"));
        Assert.Empty(await _app.Runs.ListAsync());
    }

    [Fact]
    public void Start_UnknownMetric_NamesTheSupportedOnes()
    {
        var page = Context.Render<NewTaskPage>();
        page.Find("[data-testid=example-diabetes-progression]").Click();
        page.Find("[data-testid=task-metric]").Change("quadratic kappa");

        page.Find("[data-testid=start-run]").Click();

        var error = page.Find("[data-testid=task-error]").TextContent;
        Assert.Contains("'quadratic kappa' is not a metric", error);
        Assert.Contains("roc_auc", error);
    }

    [Fact]
    public void Upload_NotACsv_ShowsWhyAndSavesNothing()
    {
        var page = Context.Render<NewTaskPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("a;b", "data.xlsx"));

        Assert.Contains("'data.xlsx' is not a CSV file", page.Find("[data-testid=upload-problem]").TextContent);
        Assert.Empty(page.FindAll(".lc-file-name"));
    }

    [Fact]
    public void Upload_TaskFilesInOddCase_SavesThemUnderCanonicalNames()
    {
        var page = Context.Render<NewTaskPage>();

        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("id,x,y\n1,2,3\n", "TRAIN.CSV"),
            InputFileContent.CreateFromText("id,x\n2,3\n", "Test.csv"),
            InputFileContent.CreateFromText("a\n1\n", "extra data.csv"));

        page.WaitForAssertion(() => Assert.Equal(["train.csv", "test.csv", "extra_data.csv"], page.FindAll(".lc-file-name").Select(f => f.TextContent)));
        var saved = Directory.EnumerateFiles(Path.Combine(_app.DataDirectory, "uploads"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order();
        Assert.Equal(["extra_data.csv", "test.csv", "train.csv"], saved);
        Assert.Equal(["'extra data.csv' was saved as extra_data.csv."], page.FindAll("[data-testid=upload-note]").Select(n => n.TextContent));
        Assert.Empty(page.FindAll("[data-testid=upload-problem]"));
    }

    [Fact]
    public void Start_UploadWithoutTestFile_AsksForIt()
    {
        var page = Context.Render<NewTaskPage>();
        FillTask(page);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("id,x,y\n1,2,3\n", "train.csv"));

        page.Find("[data-testid=start-run]").Click();

        Assert.Contains("Upload test.csv", page.Find("[data-testid=task-error]").TextContent);
    }

    [Fact]
    public async Task Start_UploadedFiles_StartsRunWithTheTaskAsTyped()
    {
        var page = Context.Render<NewTaskPage>();
        FillTask(page);
        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("id,x,y\n1,2,3\n2,3,4\n", "train.csv"),
            InputFileContent.CreateFromText("id,x\n3,3\n", "test.csv"));

        page.Find("[data-testid=start-run]").Click();

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/runs/[0-9a-f-]{36}$", navigation.Uri));
        var session = await _app.Runs.SessionAsync(Guid.Parse(navigation.Uri[^36..]));
        Assert.Equal(new("Tiny regression", "Predict y from x.", "tabular", "rmse", "", ""), session!.Run.Task);
    }

    [Fact]
    public async Task Start_Example_CreatesRunAndOpensItsPage()
    {
        var page = Context.Render<NewTaskPage>();
        page.Find("[data-testid=example-breast-cancer]").Click();

        page.Find("[data-testid=start-run]").Click();

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/runs/[0-9a-f-]{36}$", navigation.Uri));
        var id = Guid.Parse(navigation.Uri[^36..]);
        var session = await _app.Runs.SessionAsync(id);
        Assert.NotNull(session);
        Assert.Equal("Breast Cancer Diagnosis from Cell Nuclei Measurements", session.Run.Task.Title);
        Assert.Equal(["sample_submission.csv", "task.json", "test.csv", "train.csv"],
            Directory.EnumerateFiles(Path.Combine(session.Folder, "task")).Select(Path.GetFileName).Order());
        // The staging copy is gone once the run holds its own; the shipped example was never written to.
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(_app.DataDirectory, "uploads")));
    }

    private static void FillTask(IRenderedComponent<NewTaskPage> page)
    {
        page.Find("[data-testid=task-title]").Change("Tiny regression");
        page.Find("[data-testid=task-description]").Change("Predict y from x.");
        page.Find("[data-testid=task-data-type]").Change("tabular");
        page.Find("[data-testid=task-metric]").Change("rmse");
    }
}
