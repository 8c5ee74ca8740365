using System.Text.Json;
using Linguacodus.Core.Instructions;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Tasks;
using Linguacodus.TestSupport;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Integration;

/// <summary>The real binary's verbs, run as a separate process the way an analyst or a script runs them.</summary>
public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("linguacodus-cli-");

    private string Data => Path.Combine(_scratch.FullName, "data");

    private async Task<(int ExitCode, string Out, string Err)> RunAsync(params string[] args)
    {
        var run = await RunWatchingForServerAsync(args);
        Assert.False(run.ServerStarted, $"the web server started for: {string.Join(' ', args)}");
        return (run.ExitCode, run.Out, run.Err);
    }

    private Task<(int ExitCode, string Out, string Err, bool ServerStarted)> RunWatchingForServerAsync(params string[] args) => CliProcess.RunAsync(Data, args);

    private string Scratch(string name) => Path.Combine(_scratch.FullName, name);

    [Fact]
    public async Task Solve_BaselineCandidate2_WritesArtifactsAndOneLineSummary()
    {
        var (exit, output, error) = await RunAsync("solve", Repository.Example("co2-forecast"), "--out", Scratch("co2"), "--choice", "2");

        Assert.True(exit == 0, error);
        using var summary = JsonDocument.Parse(output.Trim());
        Assert.Equal("succeeded", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, summary.RootElement.GetProperty("choice").GetInt32());
        Assert.True(summary.RootElement.GetProperty("valid_submission").GetBoolean());
        foreach (var artifact in new[] { "solution.py", "solution.ipynb", "submission.csv", "run.json" })
        {
            Assert.True(File.Exists(Path.Combine(Scratch("co2"), artifact)), artifact);
        }
        Assert.Contains("Executing", error);
    }

    [Fact]
    public async Task Solve_ChoiceBest_RecordsEveryBranchAndKeepsTheBestScore()
    {
        var (exit, output, error) = await RunAsync("solve", Repository.Example("diabetes-progression"), "--out", Scratch("best"), "--choice", "best");

        Assert.True(exit == 0, error);
        using var run = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Scratch("best"), "run.json")));
        var scores = run.RootElement.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("validation_score").GetDouble()).ToList();
        Assert.Equal(3, scores.Count);
        Assert.Equal(scores.Min(), run.RootElement.GetProperty("attempts").EnumerateArray().Last().GetProperty("score").GetDouble());
        Assert.True(File.Exists(Path.Combine(Scratch("best"), "submission.csv")));
        using var summary = JsonDocument.Parse(output.Trim());
        Assert.Equal(scores.Min(), summary.RootElement.GetProperty("validation_score").GetDouble());
    }

    [Theory]
    [InlineData("digits", "accuracy")]
    // No train.csv: the naive score reads the task's one data file, the rows that have the value.
    [InlineData("wine-alcohol-imputation", "rmse")]
    public async Task Eval_FolderWithAnswers_PrintsTableAndJsonThatBeatNaive(string example, string metric)
    {
        var root = Directory.CreateDirectory(Scratch("tasks")).FullName;
        var task = Directory.CreateDirectory(Path.Combine(root, example)).FullName;
        foreach (var file in Directory.EnumerateFiles(Repository.Example(example)))
        {
            File.Copy(file, Path.Combine(task, Path.GetFileName(file)));
        }
        Directory.CreateDirectory(Path.Combine(root, "answers"));
        File.Copy(Repository.Answers(example), Path.Combine(root, "answers", example + ".csv"));

        var (exit, output, error) = await RunAsync("eval", root, "--out", Scratch("eval"));

        Assert.True(exit == 0, error);
        Assert.Contains($"| {example} | {metric} | yes |", output);
        using var rows = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Scratch("eval"), "eval.json")));
        var row = rows.RootElement[0];
        Assert.True(row.GetProperty("better_than_naive").GetBoolean());
        var (answer, naive) = (row.GetProperty("answer_score").GetDouble(), row.GetProperty("naive_score").GetDouble());
        Assert.True(Metric.Parse(metric).HigherIsBetter ? answer > naive : answer < naive, $"answer {answer}, naive {naive}");
    }

    [Fact]
    public async Task Solve_LlmEngineOnTinyModel_EndsCleanlyWithEveryStepRecorded()
    {
        var model = Scratch("tiny.gguf");
        TinyLlamaModel.Write(model);

        var (exit, output, error) = await RunAsync(
            "solve", Repository.Example("breast-cancer"), "--out", Scratch("llm"), "--engine", "llm", "--model", model, "--context", "8192", "--max-fixes", "1");

        // A 136k-parameter random model cannot write working Python: the run must still end cleanly and say why.
        Assert.True(exit is 0 or 1, error);
        using var summary = JsonDocument.Parse(output.Trim());
        Assert.True(summary.RootElement.GetProperty("status").GetString() is "succeeded" or "failed", output);
        using var run = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Scratch("llm"), "run.json")));
        Assert.StartsWith("llm:local", run.RootElement.GetProperty("engine").GetString());
        var candidates = run.RootElement.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(3, candidates.Count);
        Assert.All(candidates, c => Assert.Empty(Instruction.Parse(c).MissingSections));
        Assert.Equal(JsonValueKind.Object, run.RootElement.GetProperty("verdict").ValueKind);
        Assert.Equal(4, run.RootElement.GetProperty("stages").EnumerateObject().Count());
        Assert.InRange(run.RootElement.GetProperty("attempts").GetArrayLength(), 1, 2);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Solve_LlmStepOverMaxTokens_StopsNamingTheBudget()
    {
        var model = Scratch("tiny-budget.gguf");
        TinyLlamaModel.Write(model);

        var (exit, output, error) = await RunAsync(
            "solve", Repository.Example("breast-cancer"), "--out", Scratch("budget"), "--model", model, "--context", "8192", "--max-tokens", "8");

        Assert.Equal(1, exit);
        using var summary = JsonDocument.Parse(output.Trim());
        Assert.Equal("failed", summary.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("Stopped at a budget limit: a candidate instruction reached 8 output tokens", summary.RootElement.GetProperty("message").GetString());
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData("--max-seconds", "soon", "--max-seconds must be a number from 0 to 604,800, not 'soon'.")]
    [InlineData("--max-fixes", "11", "--max-fixes must be a number from 0 to 10, not '11'.")]
    public async Task Solve_BadBudgetFlag_ExitsWithPlainMessage(string flag, string value, string expected)
    {
        var (exit, _, error) = await RunAsync("solve", Repository.Example("breast-cancer"), "--out", Scratch("flags"), flag, value);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("wrong magic", "is not a GGUF model")]
    [InlineData("", "is empty")]
    public async Task Solve_CorruptModel_ExitsWithPlainMessage(string content, string expected)
    {
        var model = Scratch("bad.gguf");
        await File.WriteAllTextAsync(model, content);

        var (exit, _, error) = await RunAsync("solve", Repository.Example("breast-cancer"), "--out", Scratch("bad"), "--model", model);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Solve_MissingTaskFolder_ExitsWithPlainMessage()
    {
        var (exit, _, error) = await RunAsync("solve", Scratch("nowhere"), "--out", Scratch("none"));

        Assert.Equal(2, exit);
        Assert.StartsWith("linguacodus: ", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Exec_HostileScript_IsContainedAndKeepsItsExitCode()
    {
        var script = Scratch("hostile.py");
        await File.WriteAllTextAsync(script, """
            import os, socket, sys
            try:
                socket.create_connection(("1.1.1.1", 80), timeout=2)
                print("network open")
            except OSError:
                print("network blocked")
            print("root visible" if os.path.exists("/root") else "root hidden")
            print("train rows", sum(1 for _ in open("train.csv")) - 1)
            sys.exit(3)
            """);

        var (exit, output, _) = await RunAsync("exec", Repository.Example("breast-cancer"), script, "--out", Scratch("exec"));

        Assert.Equal(3, exit);
        Assert.Contains("network blocked", output);
        Assert.Contains("root hidden", output);
        Assert.Contains("train rows 426", output);
    }

    [Fact]
    public async Task Bench_TinyModel_PrintsBatchedAndSequentialFigures()
    {
        var model = Scratch("tiny-bench.gguf");
        TinyLlamaModel.Write(model);

        var (exit, output, error) = await RunAsync("bench", "--only", "model", "--model", model, "--tokens", "16");

        Assert.True(exit == 0, error);
        using var figures = JsonDocument.Parse(output);
        Assert.True(figures.RootElement.GetProperty("model").GetProperty("three_batched_seconds").GetDouble() > 0);
        Assert.True(figures.RootElement.GetProperty("model").GetProperty("batched_over_sequential").GetDouble() > 0);
        Assert.Equal(136_256, figures.RootElement.GetProperty("model").GetProperty("parameters").GetInt64());
    }

    [Fact]
    public async Task Bench_NoModel_SaysTheModelSectionWasSkippedAndHow()
    {
        var (exit, output, error) = await RunAsync("bench", "--only", "model");

        Assert.True(exit == 0, error);
        using var figures = JsonDocument.Parse(output);
        var skipped = figures.RootElement.GetProperty("model").GetProperty("skipped").GetString();
        Assert.Contains("--model FILE.gguf", skipped);
        Assert.Contains("scripts/write-test-model.cs", skipped);
    }

    [Fact]
    public async Task Bench_Orchestration_LeavesTheUsersDatabaseAndRunFoldersAlone()
    {
        // The analyst's database exists (bench used to add a "running" run to it, which broke the web app's start-up).
        using (new TestServices(dataDirectory: Data))
        {
        }
        var before = Directory.EnumerateFileSystemEntries(Data, "*", SearchOption.AllDirectories).Order().ToList();

        var (exit, output, error) = await RunAsync("bench", "--only", "orchestration");

        Assert.True(exit == 0, error);
        using var figures = JsonDocument.Parse(output);
        Assert.True(figures.RootElement.GetProperty("orchestration").GetProperty("solve_seconds").GetDouble() > 0, output);
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(Data, "*", SearchOption.AllDirectories).Order().ToList());
        using var user = new TestServices(dataDirectory: Data);
        Assert.Empty(await user.Get<RunStore>().ListAsync(100, CancellationToken.None));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_ListsEveryVerbAndExitsWithoutStartingTheServer(string help)
    {
        var run = await RunWatchingForServerAsync(help);

        Assert.False(run.ServerStarted);
        Assert.True(run.ExitCode == 0, run.Err);
        foreach (var verb in new[] { "solve <task-folder>", "eval <folder-of-task-folders>", "exec <task-folder> <script.py>", "bench", "help" })
        {
            Assert.Contains(verb, run.Out);
        }
    }

    [Theory]
    [InlineData("solve", "--help", "--max-seconds <N>")]
    [InlineData("eval", "--help", "--choice <auto|best|1|2|3>")]
    [InlineData("exec", "--help", "<script.py>")]
    [InlineData("bench", "--help", "--only <model,sandbox,orchestration,profile,scale,memory>")]
    [InlineData("help", "solve", "--max-tokens <N>")]
    public async Task VerbHelp_PrintsItsUsageAndExitsWithoutStartingTheServer(string first, string second, string expected)
    {
        var run = await RunWatchingForServerAsync(first, second);

        Assert.False(run.ServerStarted);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains($"linguacodus {(first == "help" ? second : first)}", run.Out);
        Assert.Contains(expected, run.Out);
    }

    [Fact]
    public async Task NoArguments_StartsTheWebServer()
    {
        var run = await RunWatchingForServerAsync();

        Assert.True(run.ServerStarted, run.Err);
    }

    [Theory]
    [InlineData(new[] { "solv", "examples" }, "Unrecognized command or argument 'solv'")]
    [InlineData(new[] { "solve" }, "Required argument 'task-folder' missing")]
    [InlineData(new[] { "solve", "examples/breast-cancer", "--bogus", "1" }, "Unrecognized command or argument '--bogus'")]
    [InlineData(new[] { "solve", "examples/breast-cancer", "--choice", "7" }, "--choice must be auto, best, 1, 2 or 3, not '7'.")]
    [InlineData(new[] { "solve", "examples/breast-cancer", "--engine", "gpt" }, "'gpt' not recognized")]
    [InlineData(new[] { "solve", "examples/breast-cancer", "--out" }, "Required argument missing for option: '--out'")]
    [InlineData(new[] { "exec", "examples/breast-cancer" }, "Required argument 'script.py' missing")]
    [InlineData(new[] { "bench", "--only", "store" }, "saving runs is measured by Linguacodus.Benchmarks")]
    [InlineData(new[] { "bench", "--tokens", "many" }, "--tokens must be a number from 1 to 100,000, not 'many'.")]
    [InlineData(new[] { "bench", "--write-test-model", "tiny.gguf" }, "Unrecognized command or argument '--write-test-model'")]
    public async Task BadCommandLine_ExitsWithPlainMessageWithoutStartingTheServer(string[] args, string expected)
    {
        var run = await RunWatchingForServerAsync(args);

        Assert.False(run.ServerStarted);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("linguacodus: ", run.Err);
        Assert.Contains(expected, run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Eval_MissingFolder_ExitsWithPlainMessage()
    {
        var (exit, _, error) = await RunAsync("eval", Scratch("nowhere"));

        Assert.Equal(2, exit);
        Assert.Equal($"linguacodus: {Scratch("nowhere")}: no such folder.", error.Trim());
    }

    [Fact]
    public async Task Solve_EngineLlmWithoutModel_ExitsWithPlainMessage()
    {
        var (exit, _, error) = await RunAsync("solve", Repository.Example("breast-cancer"), "--out", Scratch("nomodel"), "--engine", "llm");

        Assert.Equal(2, exit);
        Assert.Contains("--engine llm needs --model FILE.gguf", error);
    }

    public void Dispose() => _scratch.Delete(recursive: true);
}
