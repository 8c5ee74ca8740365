using System.Diagnostics;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Linguacodus.Inference.Configuration;
using Linguacodus.Inference.LlamaSharp;
using Microsoft.Extensions.AI;

namespace Linguacodus.Web.Cli;

/// <summary>
/// The figures of `bench`, each comparison measured side by side in one run (median of repeats after a warm-up): a
/// local model (batched against sequential candidates), the sandbox (sandboxed against bare Python) and the
/// orchestration of `solve` (against running its final program alone); <see cref="BenchData"/> has the data
/// figures. Run updates and saving runs are Linguacodus.Benchmarks' figures and are not measured here.
/// </summary>
internal static class BenchFigures
{
    private static readonly string[] Prompts =
    [
        "Write the first place instruction for a binary classification task on tabular data.",
        "Write the second place instruction for a regression task with missing values.",
        "Write the third place instruction for a time series forecasting task.",
    ];

    public static async Task<object> ModelAsync(BackendOptions backend, int tokens, CancellationToken cancellationToken)
    {
        if (InferenceOptionsValidator.Check(backend).ToList() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }
        LlamaNativeLog.KeepWarningsOnly();
        await using var model = new LlamaModel(backend);
        var clock = Stopwatch.StartNew();
        await model.LoadAsync(cancellationToken);
        var load = clock.Elapsed;
        using var chat = new LlamaChatClient(model);
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = tokens };

        await GenerateAsync(chat, Prompts[0], options, cancellationToken);
        var firstToken = await MedianAsync(3, () => TimeToFirstTokenAsync(chat, options, cancellationToken));
        var single = await MedianAsync(3, () => TimeAsync(() => GenerateAsync(chat, Prompts[0], options, cancellationToken)));
        var sequential = await MedianAsync(3, () => TimeAsync(async () =>
        {
            foreach (var prompt in Prompts)
            {
                await GenerateAsync(chat, prompt, options, cancellationToken);
            }
        }));
        var batched = await MedianAsync(3, () => TimeAsync(() => Task.WhenAll(Prompts.Select(p => GenerateAsync(chat, p, options, cancellationToken)))));
        return new
        {
            model = model.Info?.Name,
            parameters = model.Info?.Parameters,
            quantisation = model.Info?.Quantisation,
            threads = backend.Threads,
            gpu_layers = backend.GpuLayerCount,
            tokens_per_sequence = tokens,
            load_seconds = Math.Round(load.TotalSeconds, 4),
            time_to_first_token_ms = Math.Round(firstToken.TotalMilliseconds, 2),
            single_tokens_per_second = Math.Round(tokens / single.TotalSeconds, 1),
            three_sequential_seconds = Math.Round(sequential.TotalSeconds, 4),
            three_batched_seconds = Math.Round(batched.TotalSeconds, 4),
            batched_over_sequential = Math.Round(batched / sequential, 3),
        };
    }

    /// <summary>The same two scripts, bare and in the sandbox, alternating so both see the same machine.</summary>
    public static async Task<object> SandboxAsync(ICodeSandbox sandbox, string scratch, CancellationToken cancellationToken)
    {
        if (await sandbox.CheckAsync(cancellationToken) is { } refusal)
        {
            return new { error = refusal };
        }
        var work = Directory.CreateDirectory(Path.Combine(scratch, "sandbox")).FullName;
        var figures = new Dictionary<string, object>();
        foreach (var (name, code) in new[] { ("trivial", "pass\n"), ("pandas_sklearn_import", "import pandas, sklearn.ensemble\n") })
        {
            var script = Path.Combine(work, $"{name}.py");
            await File.WriteAllTextAsync(script, code, cancellationToken);
            var bare = await MedianAsync(5, () => TimeAsync(() => BarePythonAsync(script, cancellationToken)));
            var boxed = await MedianAsync(5, () => TimeAsync(() => sandbox.RunAsync(work, script, SandboxInputs.None, _ => { }, cancellationToken)));
            figures[name] = new
            {
                bare_ms = Math.Round(bare.TotalMilliseconds, 1),
                sandboxed_ms = Math.Round(boxed.TotalMilliseconds, 1),
                sandboxed_over_bare = Math.Round(boxed / bare, 2),
            };
        }
        return figures;
    }

    /// <summary>`solve` of an example end to end against its final program run alone in the same sandbox.</summary>
    public static async Task<object> OrchestrationAsync(IServiceProvider services, string scratch, CancellationToken cancellationToken)
    {
        var example = Path.Combine(services.GetRequiredService<LinguacodusOptions>().ResolvedExamplesDirectory, "diabetes-progression");
        if (!Directory.Exists(example))
        {
            return new { error = $"{example} not found" };
        }
        var sandbox = services.GetRequiredService<ICodeSandbox>();
        var solver = services.GetRequiredService<RunService>();
        var outDirectory = Path.Combine(scratch, "solve");
        await solver.SolveAsync(example, outDirectory, SolveChoice.Auto, _ => { }, cancellationToken); // warm-up
        var solve = await MedianAsync(3, () => TimeAsync(() => solver.SolveAsync(example, outDirectory, SolveChoice.Auto, _ => { }, cancellationToken)));
        var run = new RunLayout(outDirectory);
        var inputs = TaskFolder.Load(run.Task).Layout.SandboxInputs;
        var alone = await MedianAsync(3, () => TimeAsync(() => sandbox.RunAsync(run.Work, run.WorkScript, inputs, _ => { }, cancellationToken)));
        return new
        {
            task = "diabetes-progression",
            solve_seconds = Math.Round(solve.TotalSeconds, 3),
            program_alone_seconds = Math.Round(alone.TotalSeconds, 3),
            solve_over_program = Math.Round(solve / alone, 2),
            // What one run writes to disk: its own copy of the task, and the sandbox's folder (the data is read in place).
            run_folder_bytes = WorkFolder.Measure(run.Root, int.MaxValue).Bytes,
            work_folder_bytes = WorkFolder.Measure(run.Work, int.MaxValue).Bytes,
            task_data_bytes = WorkFolder.Measure(example, int.MaxValue).Bytes,
        };
    }

    private static async Task BarePythonAsync(string script, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-I", "-B", script]) { RedirectStandardOutput = true })!;
        await process.WaitForExitAsync(cancellationToken);
    }

    private static async Task GenerateAsync(IChatClient chat, string prompt, ChatOptions options, CancellationToken cancellationToken)
    {
        await foreach (var _ in chat.GetStreamingResponseAsync(prompt, options, cancellationToken))
        {
        }
    }

    private static async Task<TimeSpan> TimeToFirstTokenAsync(IChatClient chat, ChatOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await foreach (var update in chat.GetStreamingResponseAsync(Prompts[1], options, cancellationToken))
        {
            if (update.Text.Length > 0)
            {
                return clock.Elapsed;
            }
        }
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> MedianAsync(int repeats, Func<Task<TimeSpan>> measure)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < repeats; i++)
        {
            times.Add(await measure());
        }
        return times.Order().ElementAt(repeats / 2);
    }
}
