using System.Diagnostics;
using System.Text.Json;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Integration;

/// <summary>Every example solved end to end with the baseline engine: real SQLite file, real sandboxed Python.</summary>
public sealed class SolveExamplesTests : IDisposable
{
    private readonly TestServices _services = new();

    /// <summary>The validation pictures each example's task kind draws whatever its model (feature importances depend on the model).</summary>
    private static readonly Dictionary<string, string[]> Diagnostics = new()
    {
        ["breast-cancer"] = ["validation_confusion_matrix.png", "validation_roc_curve.png"],
        ["wine-cultivar"] = ["validation_confusion_matrix.png", "validation_roc_curve.png"],
        ["digits"] = ["validation_confusion_matrix.png"],
        ["digit-images"] = ["validation_confusion_matrix.png"],
        ["travel-mode-choice"] = ["validation_confusion_matrix.png"],
        // The first label, present or not.
        ["digit-tags"] = ["validation_confusion_matrix.png", "validation_roc_curve.png"],
        ["diabetes-progression"] = ["validation_predicted_vs_actual.png", "validation_residuals.png"],
        ["wine-alcohol-imputation"] = ["validation_predicted_vs_actual.png", "validation_residuals.png"],
        // The first of the two targets.
        ["candidate-placement"] = ["validation_predicted_vs_actual.png", "validation_residuals.png"],
        ["co2-forecast"] = ["validation_forecast.png"],
        ["seattle-weather"] = ["validation_forecast.png"],
    };

    public static TheoryData<string> Examples => ["breast-cancer", "diabetes-progression", "digits", "co2-forecast", "seattle-weather", "digit-images", "wine-alcohol-imputation", "travel-mode-choice", "candidate-placement", "wine-cultivar", "digit-tags"];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Solve_Example_WritesValidSubmissionThatBeatsNaive(string example)
    {
        var folder = Path.Combine(_services.DataDirectory, example);
        var task = new RunLayout(folder).ImportTask(Repository.Example(example));
        using var session = new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, "baseline"), new RunLayout(folder), task, _services.Get<RunPipeline>(), _services.Get<RunStore>());

        await session.PlanAsync(null, CancellationToken.None);
        Assert.Equal(RunStatus.AwaitingChoice, session.Run.Status);
        Assert.Equal(3, session.Run.Candidates.Count);
        Assert.Equal(3, session.Run.Candidates.Distinct().Count());
        Assert.NotNull(session.Run.Verdict);
        await session.ChooseAsync(0, null, CancellationToken.None);

        var run = session.Run;
        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Message}");
        Assert.Empty(run.SubmissionProblems);
        Assert.Empty(run.LintFindings);
        Assert.NotNull(run.ValidationScore);
        var metric = task.Metric;
        var answer = SubmissionScorer.Score(Path.Combine(folder, "submission.csv"), Repository.Answers(example), metric, run.Profile!.SubmissionKey);
        var naive = SubmissionScorer.Naive(task.TrainFile, Repository.Answers(example), metric, run.Profile.TargetColumn, run.Profile.SubmissionKey);
        Assert.True(metric.HigherIsBetter ? answer > naive : answer < naive, $"{metric.Name}: answer {answer} vs naive {naive}");
        if (run.Profile.Series is { } series)
        {
            var seasonal = SeasonalNaiveScore(task.TrainFile, Repository.Answers(example), run.Profile, series.SeasonLength, metric);
            Assert.True(metric.HigherIsBetter ? answer > seasonal : answer < seasonal, $"{metric.Name}: answer {answer} vs seasonal naive {seasonal}");
        }
        foreach (var artifact in new[] { "solution.py", "solution.ipynb", "run.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, artifact)), artifact);
        }
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json")));
        Assert.Equal("succeeded", report.RootElement.GetProperty("status").GetString());

        // The program's own naive score, on its validation rows with its metric, is printed beside the score and beaten.
        Assert.True(run.NaiveScore is { } programNaive && (metric.HigherIsBetter ? run.ValidationScore > programNaive : run.ValidationScore < programNaive),
            $"{metric.Name}: validation {run.ValidationScore} vs the program's naive {run.NaiveScore}");
        AssertDiagnostics(run, new RunLayout(folder), Diagnostics[example]);
    }

    [Theory]
    // A random forest's feature_importances_ and a linear model's coef_, with the preprocessor's feature names.
    [InlineData("breast-cancer", 2, "validation_confusion_matrix.png")]
    [InlineData("diabetes-progression", 3, "validation_residuals.png")]
    public async Task Solve_ModelWithWeights_AlsoSavesFeatureImportances(string example, int candidate, string kindPicture)
    {
        var folder = Path.Combine(_services.DataDirectory, $"{example}-{candidate}");
        var task = new RunLayout(folder).ImportTask(Repository.Example(example));
        using var session = new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, "baseline"), new RunLayout(folder), task, _services.Get<RunPipeline>(), _services.Get<RunStore>());

        await session.PlanAsync(null, CancellationToken.None);
        await session.ChooseAsync(candidate, null, CancellationToken.None);

        Assert.True(session.Run.Status == RunStatus.Succeeded, $"{session.Run.Status}: {session.Run.Message}");
        AssertDiagnostics(session.Run, new RunLayout(folder), [kindPicture, "validation_feature_importances.png"]);
    }

    /// <summary>Each picture is a whole PNG in the work folder, no picture failed, and the notebook's training cell shows them.</summary>
    private static void AssertDiagnostics(RunSnapshot run, RunLayout layout, string[] expected)
    {
        var log = run.Attempts[^1].Log;
        Assert.DoesNotContain(log, l => l.Text.StartsWith("diagnostics skipped", StringComparison.Ordinal) || l.Text.StartsWith("naive score skipped", StringComparison.Ordinal));
        // matplotlib and fontconfig say nothing on stderr in the sandbox.
        Assert.DoesNotContain(log, l => l.IsError);
        foreach (var name in expected)
        {
            Assert.True(IsWholePng(Path.Combine(layout.Work, name)), $"{name} is not a whole PNG in {layout.Work}");
        }
        using var notebook = JsonDocument.Parse(File.ReadAllText(layout.Notebook));
        var pictures = notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("source")[0].GetString() == "# Model Training\n")
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray())
            .Where(o => o.GetProperty("output_type").GetString() == "display_data")
            .Select(o => o.GetProperty("data").GetProperty("text/plain").GetString())
            .ToList();
        Assert.All(expected, name => Assert.Contains($"<{name}>", pictures));
    }

    /// <summary>The PNG signature, a header chunk with a size, and the closing IEND chunk: a picture written to its end.</summary>
    private static bool IsWholePng(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        var bytes = File.ReadAllBytes(path);
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        byte[] end = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];
        return bytes.Length > 33 && bytes.AsSpan().StartsWith(signature) && "IHDR"u8.SequenceEqual(bytes.AsSpan(12, 4))
            && System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)) > 0
            && System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)) > 0
            && bytes.AsSpan().EndsWith(end);
    }

    [Fact]
    public async Task Solve_Notebook_ValidatesAndExecutesWithNbconvert()
    {
        var folder = Path.Combine(_services.DataDirectory, "notebook");
        var task = new RunLayout(folder).ImportTask(Repository.Example("diabetes-progression"));
        using var session = new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, "baseline"), new RunLayout(folder), task, _services.Get<RunPipeline>(), _services.Get<RunStore>());
        await session.PlanAsync(null, CancellationToken.None);
        await session.ChooseAsync(3, null, CancellationToken.None);
        Assert.Equal(RunStatus.Succeeded, session.Run.Status);
        // Execute a copy beside the data, as an analyst would after downloading it.
        var check = Directory.CreateDirectory(Path.Combine(folder, "check")).FullName;
        foreach (var csv in Directory.EnumerateFiles(task.Directory, "*.csv"))
        {
            File.Copy(csv, Path.Combine(check, Path.GetFileName(csv)));
        }
        File.Copy(Path.Combine(folder, "solution.ipynb"), Path.Combine(check, "solution.ipynb"));

        var validate = await Python("-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", Path.Combine(check, "solution.ipynb"));
        var execute = await Python("-m", "nbconvert", "--to", "notebook", "--execute", "--output", "executed.ipynb", Path.Combine(check, "solution.ipynb"));

        Assert.True(validate.ExitCode == 0, validate.Output);
        Assert.Contains("valid", validate.Output);
        Assert.True(execute.ExitCode == 0, execute.Output);
        Assert.True(File.Exists(Path.Combine(check, "submission.csv")));
    }

    [Fact]
    public async Task Solve_ReopenedFromDatabase_HasEverything()
    {
        var folder = Path.Combine(_services.DataDirectory, "reopen");
        var task = new RunLayout(folder).ImportTask(Repository.Example("breast-cancer"));
        var id = Guid.NewGuid();
        using (var session = new RunSession(RunSnapshot.Start(id, task.Task, "baseline"), new RunLayout(folder), task, _services.Get<RunPipeline>(), _services.Get<RunStore>()))
        {
            await session.PlanAsync(null, CancellationToken.None);
            await session.ChooseAsync(1, null, CancellationToken.None);
        }

        // A fresh store over the same SQLite file, as after a server restart.
        using var restarted = new TestServices(dataDirectory: _services.DataDirectory);
        var stored = await restarted.Get<RunStore>().LoadAsync(id, CancellationToken.None);

        Assert.NotNull(stored);
        var run = stored.Value.Run;
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(3, run.Candidates.Count);
        Assert.NotNull(run.Verdict);
        Assert.Equal(4, run.Stages.Count);
        Assert.NotEmpty(run.Attempts[^1].Log);
        Assert.Equal(folder, stored.Value.Folder);
        Assert.Contains(await restarted.Get<RunStore>().ListAsync(10, CancellationToken.None), r => r.Id == id && r.Status == "succeeded");
    }

    [Fact]
    public async Task Plan_TaskWithoutTarget_FailsWithClearMessage()
    {
        var source = Path.Combine(_services.DataDirectory, "no-target-source");
        Directory.CreateDirectory(source);
        File.Copy(Path.Combine(Repository.Example("breast-cancer"), "task.json"), Path.Combine(source, "task.json"));
        await File.WriteAllTextAsync(Path.Combine(source, "train.csv"), "id,a\n1,2\n2,3\n");
        await File.WriteAllTextAsync(Path.Combine(source, "test.csv"), "id,a\n3,4\n");
        var folder = Path.Combine(_services.DataDirectory, "no-target");
        var task = new RunLayout(folder).ImportTask(source);
        using var session = new RunSession(RunSnapshot.Start(Guid.NewGuid(), task.Task, "baseline"), new RunLayout(folder), task, _services.Get<RunPipeline>(), _services.Get<RunStore>());

        await session.PlanAsync(null, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, session.Run.Status);
        Assert.StartsWith("train.csv:", session.Run.Message);
    }

    /// <summary>The score of repeating the last season of training (train.csv is in time order) over the answers' rows.</summary>
    private double SeasonalNaiveScore(string trainFile, string answersFile, DataProfile profile, int season, Metric metric)
    {
        var history = CsvTable.ReadColumn(trainFile, profile.TargetColumn)!.Where(v => !string.IsNullOrWhiteSpace(v)).TakeLast(season).ToList();
        var keys = CsvTable.ReadColumn(answersFile, profile.SubmissionKey!)!;
        var file = Path.Combine(_services.DataDirectory, "seasonal-naive.csv");
        File.WriteAllLines(file, [$"{profile.SubmissionKey},{profile.TargetColumn}", .. keys.Select((key, i) => $"{key},{history[i % history.Count]}")]);
        return SubmissionScorer.Score(file, answersFile, metric, profile.SubmissionKey);
    }

    private static async Task<(int ExitCode, string Output)> Python(params string[] args)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public void Dispose() => _services.Dispose();
}
