using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// The analyst's journeys in a real Chromium against the real web binary and real sandboxed Python: accepting the
/// agents' verdict, reloading and stopping a run in progress, bad uploads, a task folder as a zip or a folder, and a
/// task picked from a task table. Every test leaves a screenshot of its last page.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class JourneyTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    private const string BreastCancerTitle = "Breast Cancer Diagnosis from Cell Nuclei Measurements";

    private static readonly Regex Score = new(@"^\d\.\d{4}$");

    [Fact]
    public Task AcceptVerdict_BreastCancerExample_SucceedsWithAScore() => InBrowserAsync(nameof(AcceptVerdict_BreastCancerExample_SucceedsWithAScore), async page =>
    {
        await StartExampleAsync(page, "breast-cancer");
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });

        await page.ClickAsync("[data-testid=accept-agents-choice]");

        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 480_000 });
        await Expect(page.Locator("[data-testid=validation-score] .lc-score-value")).ToHaveTextAsync(Score);
        await Expect(page.Locator("[data-testid=download-submission]")).ToBeVisibleAsync();
    });

    [Fact]
    public Task Reload_WhileTheRunRuns_ShowsTheSameRunAndItGoesOn() => InBrowserAsync(nameof(Reload_WhileTheRunRuns_ShowsTheSameRunAndItGoesOn), async page =>
    {
        await StartExampleAsync(page, "breast-cancer");
        var runUrl = page.Url;
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });
        await page.ClickAsync("[data-testid=choose-candidate-1]");
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("running", new() { Timeout = 10_000 });

        await page.ReloadAsync();

        Assert.Equal(runUrl, page.Url);
        await Expect(page.Locator("[data-testid=candidate-1]")).ToContainTextAsync("chosen", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 480_000 });
        await Expect(page.Locator("[data-testid=validation-score] .lc-score-value")).ToHaveTextAsync(Score);
    });

    [Fact]
    public Task Stop_WhileTheProgramRuns_LeavesTheRunStopped() => InBrowserAsync(nameof(Stop_WhileTheProgramRuns_LeavesTheRunStopped), async page =>
    {
        await StartExampleAsync(page, "breast-cancer");
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });
        await page.ClickAsync("[data-testid=choose-candidate-2]");
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("succeeded", new() { Timeout = 480_000 });

        // The baseline's programs finish in seconds; a training stage that sleeps is one that is surely still running.
        const string Model = "inmemory://linguacodus/code-training.py";
        await page.WaitForFunctionAsync($"() => window.monaco?.editor.getModel(monaco.Uri.parse('{Model}'))?.getValue().length > 0");
        await page.EvaluateAsync(
            $"code => {{ const m = monaco.editor.getModel(monaco.Uri.parse('{Model}')); m.setValue(m.getValue() + code); }}",
            "\nimport time\nprint('sleeping', flush=True)\ntime.sleep(60)\n");
        // Focused, not clicked: the pictures loading above move the editor while a click aims.
        await page.FocusAsync("[data-testid=code-stage-training] textarea.inputarea");
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(page.Locator("[data-testid=execution-attempt-2]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("running");
        await Expect(page.Locator("[data-testid=execution-log-output]")).ToContainTextAsync("sleeping", new() { Timeout = 60_000 });

        await page.ClickAsync("[data-testid=stop-run]");

        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("stopped", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=stop-run]")).ToBeDisabledAsync();
    });

    [Fact]
    public Task BadUploads_NotCsvEmptyAndZipBomb_AreRefusedAndTheFormAndFilesStay() => InBrowserAsync(nameof(BadUploads_NotCsvEmptyAndZipBomb_AreRefusedAndTheFormAndFilesStay), async page =>
    {
        await Chromium.OpenNewTaskAsync(page, app.BaseUrl);
        await page.FillAsync("[data-testid=task-title]", "My churn task");
        await page.SetInputFilesAsync("[data-testid=task-files]", [Csv("train.csv", "id,x,y\n1,2,3\n")]);
        await Expect(page.Locator(".lc-file-name")).ToHaveTextAsync(["train.csv"]);
        var problem = page.Locator("[data-testid=upload-problem]");

        await page.SetInputFilesAsync("[data-testid=task-files]", [new FilePayload { Name = "data.xlsx", MimeType = "application/octet-stream", Buffer = [0x50, 0x4B, 0x03, 0x04] }]);
        await Expect(problem).ToContainTextAsync("'data.xlsx' is not a CSV file");

        await page.SetInputFilesAsync("[data-testid=task-files]", [Csv("test.csv", "")]);
        await Expect(problem).ToHaveTextAsync("'test.csv' is empty.");

        // 201 MB of rows, a few hundred kilobytes zipped: over the 200 MB a file may have once unpacked.
        var bomb = Bomb("big.csv", 201);
        Assert.True(bomb.Length < 1_000_000, $"{bomb.Length} bytes");
        await page.SetInputFilesAsync("[data-testid=task-files]", [new FilePayload { Name = "bomb.zip", MimeType = "application/zip", Buffer = bomb }]);
        await Expect(problem).ToHaveTextAsync("'big.csv' in 'bomb.zip' unpacks to more than 200 MB; files may be at most 200 MB.", new() { Timeout = 60_000 });

        await Expect(problem).ToHaveCountAsync(1);
        await Expect(page.Locator(".lc-file-name")).ToHaveTextAsync(["train.csv"]);
        await Expect(page.Locator("[data-testid=task-title]")).ToHaveValueAsync("My churn task");
    });

    [Fact]
    public Task ZipAndFolder_TaskFolderWithTaskJson_FillTheFormAndStartARun() => InBrowserAsync(nameof(ZipAndFolder_TaskFolderWithTaskJson_FillTheFormAndStartARun), async page =>
    {
        var example = Repository.Example("breast-cancer");
        string[] files = ["task.json", "train.csv", "test.csv", "sample_submission.csv"];

        // A folder: nested data, a note that is not a table.
        var folder = Directory.CreateTempSubdirectory("linguacodus-journey-folder-").FullName;
        try
        {
            var data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
            foreach (var file in files)
            {
                File.Copy(Path.Combine(example, file), Path.Combine(file == "task.json" ? folder : data, file));
            }
            await File.WriteAllTextAsync(Path.Combine(folder, "README.md"), "# Breast cancer");
            await Chromium.OpenNewTaskAsync(page, app.BaseUrl);

            await page.SetInputFilesAsync("[data-testid=task-folder-files]", folder);

            await Expect(page.Locator(".lc-file-name")).ToHaveTextAsync(["train.csv", "test.csv", "sample_submission.csv"], new() { Timeout = 30_000 });
            await Expect(page.Locator("[data-testid=task-title]")).ToHaveValueAsync(BreastCancerTitle);
            await Expect(page.Locator("[data-testid=upload-note]").Filter(new() { HasText = "README.md" })).ToHaveCountAsync(1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // A zip of the same task inside one top-level folder, over a fresh form.
        await page.ReloadAsync();
        var zip = Zip([.. files.Select(f => ($"breast-cancer/{f}", File.ReadAllText(Path.Combine(example, f)))), ("breast-cancer/notes.txt", "x")]);

        await page.SetInputFilesAsync("[data-testid=task-files]", [new FilePayload { Name = "breast-cancer.zip", MimeType = "application/zip", Buffer = zip }]);

        await Expect(page.Locator(".lc-file-name")).ToHaveTextAsync(["train.csv", "test.csv", "sample_submission.csv"], new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=task-title]")).ToHaveValueAsync(BreastCancerTitle);
        await Expect(page.Locator("[data-testid=task-metric]")).ToHaveValueAsync("roc");
        await Expect(page.Locator("[data-testid=upload-problem]")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=start-run]");
        await page.WaitForURLAsync("**/runs/*");
        await Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("awaiting choice", new() { Timeout = 60_000 });
    });

    [Fact]
    public Task TaskTable_PaperTasksAndAnImportedTable_FillTheFormFromTheRowPicked() => InBrowserAsync(nameof(TaskTable_PaperTasksAndAnImportedTable_FillTheFormFromTheRowPicked), async page =>
    {
        await Chromium.OpenNewTaskAsync(page, app.BaseUrl);

        await page.ClickAsync("[data-testid=paper-tasks]");
        await page.ClickAsync("[data-testid=task-table-row-1]");

        await Expect(page.Locator("[data-testid=task-title]")).ToHaveValueAsync("Binary Classification of Machine Failures");
        await Expect(page.Locator("[data-testid=task-metric]")).ToHaveValueAsync("roc");
        await Expect(page.Locator("[data-testid=task-data-card]")).ToContainTextAsync("Machine failure");

        var table = "title,task,data_type,metrics,data_card,submission\n"
            + "Houses,Predict the sale price.,tabular,rmse,\"train.csv: rooms, price\",\"id,price\"\n"
            + "Sales,Forecast daily sales.,time series,mae,train.csv: date and sales,\"id,sales\"\n";
        await page.SetInputFilesAsync("[data-testid=task-table-file]", [Csv("my-tasks.csv", table)]);
        await Expect(page.Locator("[data-testid^=task-table-row-]")).ToHaveCountAsync(2);
        await page.ClickAsync("[data-testid=task-table-row-2]");

        await Expect(page.Locator("[data-testid=task-title]")).ToHaveValueAsync("Sales");
        await Expect(page.Locator("[data-testid=task-description]")).ToHaveValueAsync("Forecast daily sales.");
        await Expect(page.Locator("[data-testid=task-data-type]")).ToHaveValueAsync("time series");
        await Expect(page.Locator("[data-testid=task-metric]")).ToHaveValueAsync("mae");
        await Expect(page.Locator("[data-testid=task-submission]")).ToHaveValueAsync("id,sales");

        await page.SetInputFilesAsync("[data-testid=task-table-file]", [Csv("train.csv", "id,x\n1,2\n")]);
        await Expect(page.Locator("[data-testid=task-table-problem]")).ToContainTextAsync("not a task table");
        await Expect(page.Locator("[data-testid=task-title]")).ToHaveValueAsync("Sales");
    });

    private Task InBrowserAsync(string name, Func<IPage, Task> journey) =>
        Chromium.JourneyAsync(app, output, $"{nameof(JourneyTests)}-{name}", journey);

    private Task StartExampleAsync(IPage page, string example) => Chromium.StartExampleAsync(page, app.BaseUrl, example);

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    /// <summary>A zip whose one entry unpacks to <paramref name="megabytes"/> MB of the same row, written a megabyte at a time.</summary>
    private static byte[] Bomb(string name, int megabytes)
    {
        var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("1,2,3\n", 1024 * 1024 / 6)));
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open())
        {
            entry.Write("a,b,c\n"u8);
            for (var i = 0; i < megabytes; i++)
            {
                entry.Write(block);
            }
        }
        return memory.ToArray();
    }

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }
        return memory.ToArray();
    }
}
