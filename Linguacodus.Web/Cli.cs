using System.Diagnostics;
using System.Text.Json;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Linguacodus.Inference;
using Linguacodus.Inference.Configuration;
using Linguacodus.Inference.LlamaSharp;
using Microsoft.Extensions.Options;

namespace Linguacodus.Web;

/// <summary>The command-line verbs of the web binary: solve and exec (see ARCHITECTURE.md).</summary>
public static class Cli
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string> { "solve", "exec", "eval", "bench" };

    private const string Usage = """
        usage:
          linguacodus solve <task-folder> [--out DIR] [--engine baseline|llm] [--model FILE.gguf] [--choice auto|best|1|2|3] [--max-fixes N] [--max-seconds N] [--max-tokens N]
          linguacodus eval <folder-of-task-folders> [--out DIR] [--engine baseline|llm] [--model FILE.gguf] [--choice auto|best|1|2|3]
          linguacodus exec <task-folder> <script.py> [--out DIR]
          linguacodus bench [--only model,sandbox,orchestration,store] [--model FILE.gguf] [--tokens N] [--threads N] | bench --write-test-model FILE
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var (positional, flags) = Parse(args.Skip(1));
            using var services = BuildServices();
            await services.GetRequiredService<RunStore>().MigrateAsync(CancellationToken.None);
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            return args[0] switch
            {
                "solve" when positional.Count == 1 => await SolveAsync(services, positional[0], flags, cancel.Token),
                "exec" when positional.Count == 2 => await ExecAsync(services, positional[0], positional[1], flags, cancel.Token),
                "eval" when positional.Count == 1 => await EvalAsync(services, positional[0], flags, cancel.Token),
                "bench" when positional.Count == 0 => await Bench.RunAsync(services, flags, cancel.Token),
                _ => Fail(Usage),
            };
        }
        catch (Exception error) when (error is TaskFolderException or ArgumentException or IOException or OptionsValidationException)
        {
            return Fail(error.Message);
        }
    }

    private static async Task<int> SolveAsync(ServiceProvider services, string taskDirectory, Dictionary<string, string> flags, CancellationToken cancellationToken)
    {
        var choice = SolveChoice.Parse(flags.GetValueOrDefault("choice"));
        await using var model = flags.TryGetValue("model", out var modelPath) ? LocalModel(modelPath, flags) : null;
        using var chat = model is null ? null : new LlamaChatClient(model);
        await using var solver = CreateSolver(services, flags, model, chat);
        var outDirectory = Path.GetFullPath(flags.GetValueOrDefault("out") ?? Path.Combine("linguacodus-out", Path.GetFileName(Path.GetFullPath(taskDirectory).TrimEnd('/'))));
        var clock = Stopwatch.StartNew();
        var run = await solver.SolveAsync(taskDirectory, outDirectory, choice, update => Report(update, clock), cancellationToken);
        var valid = IsValid(run);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            status = run.StatusText,
            message = run.Message,
            task = run.Task.Title,
            engine = run.Engine,
            choice = run.ChosenIndex,
            metric = Metric.Parse(run.Task.Metrics).Name,
            validation_score = run.ValidationScore,
            attempts = run.Attempts.Count,
            branches = run.Branches.Select(b => new { candidate = b.Candidate, status = b.Status, validation_score = b.ValidationScore }),
            lint = run.LintFindings.Select(f => f.Rule),
            valid_submission = valid,
            wall_seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            out_dir = outDirectory,
        }));
        return valid ? 0 : 1;
    }

    /// <summary>`eval`: solves every task folder under a folder and scores it against answers/&lt;task&gt;.csv where present.</summary>
    private static async Task<int> EvalAsync(ServiceProvider services, string root, Dictionary<string, string> flags, CancellationToken cancellationToken)
    {
        var choice = SolveChoice.Parse(flags.GetValueOrDefault("choice"));
        await using var model = flags.TryGetValue("model", out var modelPath) ? LocalModel(modelPath, flags) : null;
        using var chat = model is null ? null : new LlamaChatClient(model);
        await using var solver = CreateSolver(services, flags, model, chat);
        var outRoot = Path.GetFullPath(flags.GetValueOrDefault("out") ?? Path.Combine("linguacodus-out", "eval"));
        var tasks = Directory.EnumerateDirectories(Path.GetFullPath(root)).Where(d => File.Exists(Path.Combine(d, "task.json"))).Order().ToList();
        if (tasks.Count == 0)
        {
            return Fail($"{root}: no task folders (folders holding a task.json).");
        }
        var rows = new List<EvalRow>();
        foreach (var task in tasks)
        {
            var name = Path.GetFileName(task);
            Console.Error.WriteLine($"eval: {name}");
            var clock = Stopwatch.StartNew();
            var run = await solver.SolveAsync(task, Path.Combine(outRoot, name), choice, _ => { }, cancellationToken);
            rows.Add(EvalRow.Score(name, run, task, Path.Combine(outRoot, name), Path.Combine(root, "answers", name + ".csv"), clock.Elapsed));
        }
        Console.WriteLine(EvalRow.Table(rows));
        var json = Path.Combine(outRoot, "eval.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(rows, EvalRow.Json), cancellationToken);
        Console.Error.WriteLine($"eval: wrote {json}");
        return rows.All(r => r.ValidSubmission) ? 0 : 1;
    }

    internal static bool IsValid(RunSnapshot run) => run.Status == RunStatus.Succeeded && run.SubmissionProblems.Count == 0;

    private static RunService CreateSolver(ServiceProvider services, Dictionary<string, string> flags, LlamaModel? model, LlamaChatClient? chat)
    {
        var engine = flags.GetValueOrDefault("engine", model is null ? "baseline" : "llm") switch
        {
            "baseline" => BaselineEngine.Create(),
            "llm" when chat is not null => LlmEngine.Create(chat, model!.Options, IntFlag(flags, "max-tokens", 0, 1_000_000) ?? 0),
            "llm" when services.GetRequiredService<SolutionEngine>() is { Name: not BaselineEngine.Name } configured => configured,
            "llm" => throw new ArgumentException("--engine llm needs --model FILE.gguf, or an Inference back end in appsettings.json."),
            var other => throw new ArgumentException($"--engine must be baseline or llm, not '{other}'."),
        };
        var options = services.GetRequiredService<IOptions<ExecutionOptions>>().Value;
        options.MaxFixes = IntFlag(flags, "max-fixes", 0, 10) ?? options.MaxFixes;
        options.MaxRunSeconds = IntFlag(flags, "max-seconds", 0, 604_800) ?? options.MaxRunSeconds;
        return new RunService(new RunPipeline(engine, services.GetRequiredService<ICodeSandbox>(), options), services.GetRequiredService<RunStore>(),
            services.GetRequiredService<RunFolders>(), services.GetRequiredService<ExecutionSlots>(), TimeProvider.System, services.GetRequiredService<ILogger<RunService>>());
    }

    /// <summary>A whole-number flag within bounds, or null when it is not given.</summary>
    private static int? IntFlag(Dictionary<string, string> flags, string name, int min, int max) =>
        !flags.TryGetValue(name, out var text) ? null
        : int.TryParse(text, out var value) && value >= min && value <= max ? value
        : throw new ArgumentException($"--{name} must be a number from {min} to {max:N0}, not '{text}'.");

    /// <summary>A model given on the command line; its settings are checked like the configuration's.</summary>
    private static LlamaModel LocalModel(string path, Dictionary<string, string> flags)
    {
        var backend = new BackendOptions
        {
            Name = "local",
            ModelPath = Path.GetFullPath(path),
            ContextSize = int.TryParse(flags.GetValueOrDefault("context"), out var context) ? context : 4_096,
            Threads = int.TryParse(flags.GetValueOrDefault("threads"), out var threads) ? threads : 0,
        };
        if (InferenceOptionsValidator.Check(backend).ToList() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("\n", problems));
        }
        LlamaNativeLog.KeepWarningsOnly();
        return new LlamaModel(backend);
    }

    private static async Task<int> ExecAsync(
        ServiceProvider services, string taskDirectory, string scriptFile, Dictionary<string, string> flags, CancellationToken cancellationToken)
    {
        var task = TaskFolder.Load(taskDirectory);
        if (!File.Exists(scriptFile))
        {
            return Fail($"{scriptFile}: no such file.");
        }
        var sandbox = services.GetRequiredService<ICodeSandbox>();
        if (await sandbox.CheckAsync(cancellationToken) is { } refusal)
        {
            return Fail(refusal);
        }
        var work = Directory.CreateDirectory(flags.GetValueOrDefault("out") ?? Directory.CreateTempSubdirectory("linguacodus-exec-").FullName).FullName;
        foreach (var file in TaskFolder.DataFiles(task.Directory))
        {
            File.Copy(file, Path.Combine(work, Path.GetFileName(file)), overwrite: true);
        }
        var script = Path.Combine(work, Path.GetFileName(scriptFile));
        File.Copy(scriptFile, script, overwrite: true);
        var result = await sandbox.RunAsync(work, script, line => (line.IsError ? Console.Error : Console.Out).WriteLine(line.Text), cancellationToken);
        if (result.LimitMessage is { } limit)
        {
            Console.Error.WriteLine($"linguacodus: {limit}");
        }
        if (result.Stopped)
        {
            Console.Error.WriteLine("linguacodus: stopped");
        }
        return result.ExitCode;
    }

    private static void Report(RunUpdate update, Stopwatch clock)
    {
        var at = $"[{clock.Elapsed.TotalSeconds,6:0.0}s]";
        switch (update)
        {
            case RunUpdate.StatusChanged status:
                Console.Error.WriteLine($"{at} {status.Status}: {status.Message}");
                break;
            case RunUpdate.VerdictReady verdict:
                Console.Error.WriteLine($"{at} agents' verdict: option {verdict.Verdict.ChosenIndex}. {verdict.Verdict.Reasons}");
                break;
            case RunUpdate.OutputReceived output:
                Console.Error.WriteLine($"         {(output.Line.IsError ? "!" : "|")} {output.Line.Text}");
                break;
            case RunUpdate.AttemptFinished finished when finished.Error is not null:
                Console.Error.WriteLine($"{at} attempt failed: {finished.Error}");
                break;
        }
    }

    private static ServiceProvider BuildServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        WebApp.AddServices(services, configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static (List<string> Positional, Dictionary<string, string> Flags) Parse(IEnumerable<string> args)
    {
        var positional = new List<string>();
        var flags = new Dictionary<string, string>();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            if (e.Current.StartsWith("--", StringComparison.Ordinal))
            {
                var name = e.Current[2..];
                flags[name] = e.MoveNext() ? e.Current : throw new ArgumentException($"--{name} needs a value.\n{Usage}");
            }
            else
            {
                positional.Add(e.Current);
            }
        }
        return (positional, flags);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"linguacodus: {message}");
        return 2;
    }
}
