using System.IO.Compression;
using System.Text;
using Bunit;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;
using Linguacodus.Web.Components.Pages.NewTask;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Linguacodus.Tests.Web.Components.Pages.NewTask;

/// <summary>The form over the app's real services: uploads land on disk, a start creates a real run.</summary>
public sealed class NewTaskPageTests : ComponentTest
{
    /// <summary>A run is created off the page's thread; the first one also opens the database.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

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
        Assert.Contains(".zip", input.GetAttribute("accept"));
    }

    [Fact]
    public void Render_Form_HasAFolderPickerAndATaskTablePicker()
    {
        var page = Context.Render<NewTaskPage>();

        var folder = page.Find("input[data-testid=task-folder-files]");
        var table = page.Find("input[data-testid=task-table-file]");

        Assert.True(folder.HasAttribute("webkitdirectory"));
        Assert.True(folder.HasAttribute("multiple"));
        Assert.Equal(folder.Id, page.Find("label[for=task-folder-input]").GetAttribute("for"));
        Assert.Equal(".csv,text/csv", table.GetAttribute("accept"));
        Assert.Contains("Import a task table", page.Find("label[for=task-table-input]").TextContent);
        // The CSV input stays the page's first file input, which other tests and tools rely on.
        Assert.Equal("task-files", page.FindAll("input[type=file]")[0].GetAttribute("data-testid"));
    }

    [Fact]
    public void Upload_TaskZip_UnpacksItsTablesAndFillsOnlyTheEmptyFields()
    {
        var page = Context.Render<NewTaskPage>();
        page.Find("[data-testid=task-title]").Change("My own title");
        var zip = Zip(
            ("churn/train.csv", "id,x,y\n1,2,3\n"),
            ("churn/test.csv", "id,x\n2,3\n"),
            ("churn/task.json", """{ "title": "Churn", "task": "Predict churn.", "data_type": "tabular", "metrics": "roc", "data_card": "train.csv has y.", "submission": "id,y" }"""),
            ("churn/notes.txt", "hello"));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(zip, "churn.zip"));

        page.WaitForAssertion(() => Assert.Equal(["train.csv", "test.csv"], page.FindAll(".lc-file-name").Select(f => f.TextContent)));
        Assert.Equal("My own title", page.Find("[data-testid=task-title]").GetAttribute("value"));
        Assert.Equal("Predict churn.", page.Find("[data-testid=task-description]").TextContent);
        Assert.Equal("roc", page.Find("[data-testid=task-metric]").GetAttribute("value"));
        var notes = page.FindAll("[data-testid=upload-note]").Select(n => n.TextContent).ToList();
        Assert.Contains("1 file in 'churn.zip' is not a CSV table and was left out: notes.txt.", notes);
        Assert.Contains("4 empty fields were filled from task.json in 'churn.zip'.", notes);
        Assert.Empty(page.FindAll("[data-testid=upload-problem]"));
        // Only the tables stay in the upload folder; the archive itself is gone.
        var saved = Directory.EnumerateFiles(Path.Combine(_app.DataDirectory, "uploads"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order();
        Assert.Equal(["test.csv", "train.csv"], saved);
    }

    [Fact]
    public void Upload_ZipWithoutTables_SaysSoAndKeepsEarlierFiles()
    {
        var page = Context.Render<NewTaskPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("id,x,y\n1,2,3\n", "train.csv"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".lc-file-name")));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Zip(("readme.md", "x")), "empty.zip"));

        page.WaitForAssertion(() => Assert.Contains("'empty.zip' holds no CSV tables.", page.FindAll("[data-testid=upload-problem]").Select(p => p.TextContent)));
        Assert.Equal(["train.csv"], page.FindAll(".lc-file-name").Select(f => f.TextContent));
    }

    [Fact]
    public void UploadFolder_NestedFiles_FlattensTablesIgnoresTheRestAndReadsTaskJson()
    {
        var page = Context.Render<NewTaskPage>();

        FolderInput(page).UploadFiles(
            InputFileContent.CreateFromText("id,x,y\n1,2,3\n", "train.csv"),
            InputFileContent.CreateFromText("id,x\n2,3\n", "test.csv"),
            InputFileContent.CreateFromText("id,x,y\n5,5,5\n", "train.csv"),
            InputFileContent.CreateFromText("# about", "README.md"),
            InputFileContent.CreateFromText("x", "run.py"),
            InputFileContent.CreateFromText("""{ "title": "From the folder", "task": "Predict y.", "data_type": "tabular", "metrics": "rmse" }""", "task.json"));

        page.WaitForAssertion(() => Assert.Equal(["train.csv", "test.csv"], page.FindAll(".lc-file-name").Select(f => f.TextContent)));
        Assert.Equal("From the folder", page.Find("[data-testid=task-title]").GetAttribute("value"));
        Assert.Equal("rmse", page.Find("[data-testid=task-metric]").GetAttribute("value"));
        var notes = page.FindAll("[data-testid=upload-note]").Select(n => n.TextContent).ToList();
        Assert.Contains("2 files in the folder are not CSV tables and were left out: README.md, run.py.", notes);
        Assert.Contains("A second 'train.csv' in the folder was skipped: the folder already had a train.csv.", notes);
        var train = Directory.EnumerateFiles(Path.Combine(_app.DataDirectory, "uploads"), "train.csv", SearchOption.AllDirectories).Single();
        Assert.Equal("id,x,y\n1,2,3\n", File.ReadAllText(train));
    }

    [Fact]
    public void PaperTasks_PickARow_FillsTheFormFromIt()
    {
        var page = Context.Render<NewTaskPage>();

        page.Find("[data-testid=paper-tasks]").Click();
        page.Find("[data-testid=task-table-row-1]").Click();

        Assert.Equal(TaskTable.Load(Path.Combine(Repository.Examples, NewTaskPage.PaperTasksFileName)).Count, page.FindAll("[data-testid^=task-table-row-]").Count);
        Assert.Equal("Binary Classification of Machine Failures", page.Find("[data-testid=task-title]").GetAttribute("value"));
        Assert.Equal("tabular", page.Find("[data-testid=task-data-type]").GetAttribute("value"));
        Assert.Equal("roc", page.Find("[data-testid=task-metric]").GetAttribute("value"));
        Assert.Contains("Machine failure", page.Find("[data-testid=task-data-card]").TextContent);
        Assert.Equal("true", page.Find("[data-testid=task-table-row-1]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void PaperTasks_ImputationRow_SaysItNeedsItsOneDataFile()
    {
        var page = Context.Render<NewTaskPage>();

        page.Find("[data-testid=paper-tasks]").Click();
        page.Find("[data-testid=task-table-row-3]").Click();

        var need = page.Find("[data-testid='task-need-data.csv']");
        Assert.Equal("false", need.GetAttribute("data-present"));
        Assert.Empty(page.FindAll("[data-testid='task-need-train.csv']"));
    }

    [Fact]
    public void ImportTable_PaperFormat_ListsItsTasksAndAPickFillsEveryField()
    {
        var page = Context.Render<NewTaskPage>();
        page.Find("[data-testid=example-breast-cancer]").Click();
        var table = "title,task,data_type,metrics,data_card,submission,link\n"
            + "Houses,Predict the price.,tabular,rmse,\"train.csv: rooms, price\",\"id,price\",http://x\n"
            + "Sales,Forecast sales.,time series,mae,,,\n";

        TableInput(page).UploadFiles(InputFileContent.CreateFromText(table, "my tasks.csv"));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid^=task-table-row-]").Count));
        page.Find("[data-testid=task-table-row-2]").Click();

        Assert.Contains("from 'my tasks.csv'", page.Find("[data-testid=task-table]").TextContent);
        Assert.Equal("Sales", page.Find("[data-testid=task-title]").GetAttribute("value"));
        Assert.Equal("Forecast sales.", page.Find("[data-testid=task-description]").TextContent);
        Assert.Equal("time series", page.Find("[data-testid=task-data-type]").GetAttribute("value"));
        Assert.Equal("mae", page.Find("[data-testid=task-metric]").GetAttribute("value"));
        // The example's data belonged to the example's task.
        Assert.Empty(page.FindAll(".lc-file-name"));
        page.Find("[data-testid=task-table-row-1]").Click();
        Assert.Equal("id,price", page.Find("[data-testid=task-submission]").TextContent);
        Assert.Equal("train.csv: rooms, price", page.Find("[data-testid=task-data-card]").TextContent);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_app.DataDirectory, "uploads"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void ImportTable_NotATaskTable_SaysWhatIsMissingAndKeepsTheForm()
    {
        var page = Context.Render<NewTaskPage>();
        page.Find("[data-testid=task-title]").Change("Kept");

        TableInput(page).UploadFiles(InputFileContent.CreateFromText("id,x\n1,2\n", "train.csv"));

        page.WaitForAssertion(() => Assert.Contains("'train.csv' cannot be used: not a task table: it lacks the columns title, task, data_type, metrics",
            page.Find("[data-testid=task-table-problem]").TextContent));
        Assert.Empty(page.FindAll("[data-testid^=task-table-row-]"));
        Assert.Equal("Kept", page.Find("[data-testid=task-title]").GetAttribute("value"));
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

        ClickStart(page);

        var error = page.Find("[data-testid=task-error]").TextContent;
        Assert.Contains("Describe in a sentence or two", error);
        Assert.Contains("Name the metric", error);
        Assert.Equal("My churn task", page.Find("[data-testid=task-title]").GetAttribute("value"));
        Assert.Empty(await _app.Runs.ListAsync());
    }

    [Fact]
    public void Metric_UnknownName_SaysWhichFamilyItIsScoredAsAndDoesNotRefuse()
    {
        var page = Context.Render<NewTaskPage>();
        page.Find("[data-testid=example-diabetes-progression]").Click();

        page.Find("[data-testid=task-metric]").Change("weighted squared error");

        Assert.Contains(Metric.Parse("weighted squared error").Note!, System.Net.WebUtility.HtmlDecode(page.Markup), StringComparison.Ordinal);
        Assert.Empty(new TaskDraft { Title = "t", Description = "d", DataType = "tabular", Metric = "weighted squared error" }.Check());
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

        ClickStart(page);

        // A press while the file is still coming in waits for it, so the answer may come a moment later.
        page.WaitForAssertion(() => Assert.Contains("the table of rows to predict is missing beside train.csv; give test.csv", page.Find("[data-testid=task-error]").TextContent), StartTimeout);
    }

    [Fact]
    public async Task Start_TestFileRefused_SaysWhichFileIsMissingAndThatFilesWereRefused()
    {
        var page = Context.Render<NewTaskPage>();
        FillTask(page);
        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("id,x,y\n1,2,3\n", "train.csv"),
            InputFileContent.CreateFromText("", "test.csv"));

        ClickStart(page);

        page.WaitForAssertion(() => Assert.Equal(
            "test.csv: the table of rows to predict is missing beside train.csv; give test.csv (or name the test table). Some chosen files were refused; the warnings above say why.",
            page.Find("[data-testid=task-error]").TextContent), StartTimeout);
        Assert.Equal("'test.csv' is empty.", page.Find("[data-testid=upload-problem]").TextContent);
        Assert.Empty(await _app.Runs.ListAsync());
    }

    [Fact]
    public async Task Start_UploadedFiles_StartsRunWithTheTaskAsTyped()
    {
        var page = Context.Render<NewTaskPage>();
        FillTask(page);
        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("id,x,y\n1,2,3\n2,3,4\n", "train.csv"),
            InputFileContent.CreateFromText("id,x\n3,3\n", "test.csv"));

        ClickStart(page);

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/runs/[0-9a-f-]{36}$", navigation.Uri), StartTimeout);
        var session = await _app.Runs.SessionAsync(Guid.Parse(navigation.Uri[^36..]));
        Assert.Equal(new("Tiny regression", "Predict y from x.", "tabular", "rmse", "", ""), session!.Run.Task);
    }

    [Theory]
    [InlineData("data.csv")]
    [InlineData("house_train.csv,house_test.csv")]
    [InlineData("train.csv,test.csv,items.csv")]
    public async Task Start_LayoutTheRunAccepts_StartsRun(string names)
    {
        var files = names.Split(',');
        var page = Context.Render<NewTaskPage>();
        FillTask(page);
        page.FindComponent<InputFile>().UploadFiles([.. files.Select(name => InputFileContent.CreateFromText(
            name == "data.csv" ? "id,x,y\n1,2,3\n2,3,\n" : name.Contains("test") ? "id,x\n3,3\n" : "id,x,y\n1,2,3\n2,3,4\n", name))]);

        ClickStart(page);

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/runs/[0-9a-f-]{36}$", navigation.Uri), StartTimeout);
        Assert.Single(await _app.Runs.ListAsync());
    }

    [Fact]
    public void Start_RolesCannotBeTold_SaysWhichFilesAndWhatToDo()
    {
        var page = Context.Render<NewTaskPage>();
        FillTask(page);
        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("id,x\n1,2\n", "customers.csv"),
            InputFileContent.CreateFromText("id,y\n1,3\n", "orders.csv"));

        ClickStart(page);

        page.WaitForAssertion(() => Assert.Contains(
            "customers.csv, orders.csv: none of these is the table of training rows", page.Find("[data-testid=task-error]").TextContent), StartTimeout);
    }

    [Fact]
    public async Task Start_ZipWhoseTaskJsonNamesTheRoles_StartsARunThatKeepsThem()
    {
        var page = Context.Render<NewTaskPage>();
        FillTask(page);
        var zip = Zip(
            ("customers.csv", "id,x,y\n1,2,3\n2,3,4\n"),
            ("to_score.csv", "id,x\n3,3\n"),
            ("task.json", """{ "title": "t", "task": "x", "data_type": "tabular", "metrics": "rmse", "files": { "customers.csv": "train", "to_score.csv": "test" } }"""));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(zip, "customers.zip"));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=upload-note]"), n => n.TextContent.Contains("settles the roles of 2 files", StringComparison.Ordinal)), StartTimeout);

        ClickStart(page);

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/runs/[0-9a-f-]{36}$", navigation.Uri), StartTimeout);
        var session = await _app.Runs.SessionAsync(Guid.Parse(navigation.Uri[^36..]));
        Assert.Equal(FileRole.Train, session!.Task.Hints.Roles["customers.csv"]);
        Assert.Equal("to_score.csv", session.Task.Layout.Test?.Name);
    }

    [Fact]
    public async Task Start_TargetsSeparatedByCommas_ProfilesEachAsATarget()
    {
        var page = Context.Render<NewTaskPage>();
        FillTask(page);
        page.Find("[data-testid=task-target]").Change(" z, y ");
        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("id,x,y,z\n1,2,3,4\n2,3,4,5\n", "train.csv"),
            InputFileContent.CreateFromText("id,x\n3,3\n", "test.csv"));

        ClickStart(page);

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/runs/[0-9a-f-]{36}$", navigation.Uri), StartTimeout);
        var session = (await _app.Runs.SessionAsync(Guid.Parse(navigation.Uri[^36..])))!;
        // The profile comes from the run's own thread, which renders nothing here: wait for the run, not the page.
        await AppServices.WaitUntilIdleAsync(session);
        Assert.Equal(["z", "y"], session.Run.Profile?.Targets);
        Assert.Equal(["id", "z", "y"], session.Run.Profile!.SubmissionColumns);
    }

    [Fact]
    public async Task Start_WhileAFileIsStillComingIn_SaysSoWaitsForItAndThenStarts()
    {
        var page = Context.Render<NewTaskPage>();
        FillTask(page);
        var train = new HeldBrowserFile("train.csv", "id,x,y\n1,2,3\n2,3,4\n");
        var test = new HeldBrowserFile("test.csv", "id,x\n3,3\n");
        await test.SendAsync();
        var input = page.FindComponent<InputFile>().Instance;
        var intake = page.InvokeAsync(() => input.OnChange.InvokeAsync(new InputFileChangeEventArgs([train, test])));
        page.WaitForAssertion(() => Assert.Contains("Taking in train.csv", page.Find("[data-testid=upload-progress]").TextContent));

        var start = page.Find("[data-testid=start-run]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Starting once the files are in", page.Find("[data-testid=start-run]").TextContent));
        Assert.True(page.Find("[data-testid=start-run]").HasAttribute("disabled"));
        Assert.Empty(await _app.Runs.ListAsync());
        await train.SendAsync();
        await intake;
        await start;

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/runs/[0-9a-f-]{36}$", navigation.Uri), StartTimeout);
        var session = await _app.Runs.SessionAsync(Guid.Parse(navigation.Uri[^36..]));
        Assert.Equal("id,x,y\n1,2,3\n2,3,4\n", await File.ReadAllTextAsync(Path.Combine(session!.Layout.Root, "task", "train.csv")));
    }

    [Fact]
    public async Task Start_Example_CreatesRunAndOpensItsPage()
    {
        var page = Context.Render<NewTaskPage>();
        page.Find("[data-testid=example-breast-cancer]").Click();

        ClickStart(page);

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/runs/[0-9a-f-]{36}$", navigation.Uri), StartTimeout);
        var id = Guid.Parse(navigation.Uri[^36..]);
        var session = await _app.Runs.SessionAsync(id);
        Assert.NotNull(session);
        Assert.Equal("Breast Cancer Diagnosis from Cell Nuclei Measurements", session.Run.Task.Title);
        Assert.Equal(["sample_submission.csv", "task.json", "test.csv", "train.csv"],
            Directory.EnumerateFiles(Path.Combine(session.Layout.Root, "task")).Select(Path.GetFileName).Order());
        // The staging copy is gone once the run holds its own; the shipped example was never written to.
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(_app.DataDirectory, "uploads")));
    }

    /// <summary>A browser file whose bytes arrive only when the test sends them, as a slow upload's do.</summary>
    private sealed class HeldBrowserFile(string name, string content) : IBrowserFile
    {
        private readonly System.IO.Pipelines.Pipe _pipe = new();

        public string Name => name;

        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

        public long Size => Encoding.UTF8.GetByteCount(content);

        public string ContentType => "text/csv";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) => _pipe.Reader.AsStream();

        public async Task SendAsync()
        {
            await _pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(content));
            await _pipe.Writer.CompleteAsync();
        }
    }

    private static IRenderedComponent<InputFile> FolderInput(IRenderedComponent<NewTaskPage> page) => Input(page, "task-folder-files");

    private static IRenderedComponent<InputFile> TableInput(IRenderedComponent<NewTaskPage> page) => Input(page, "task-table-file");

    private static IRenderedComponent<InputFile> Input(IRenderedComponent<NewTaskPage> page, string testId) =>
        page.FindComponents<InputFile>().Single(c => Equals(c.Instance.AdditionalAttributes?["data-testid"], testId));

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return memory.ToArray();
    }

    /// <summary>
    /// Presses Start; files still being taken in re-render the page on their own thread, which can replace the
    /// button's handler between finding and clicking it, so a stale handler is found again.
    /// </summary>
    private static void ClickStart(IRenderedComponent<NewTaskPage> page) =>
        page.WaitForAssertion(() =>
        {
            try
            {
                page.Find("[data-testid=start-run]").Click();
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException stale)
            {
                throw new Xunit.Sdk.XunitException(stale.Message);
            }
        });

    private static void FillTask(IRenderedComponent<NewTaskPage> page)
    {
        page.Find("[data-testid=task-title]").Change("Tiny regression");
        page.Find("[data-testid=task-description]").Change("Predict y from x.");
        page.Find("[data-testid=task-data-type]").Change("tabular");
        page.Find("[data-testid=task-metric]").Change("rmse");
    }
}
