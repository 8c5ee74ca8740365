using System.Diagnostics;
using System.Text.Json;
using Linguacodus.Inference.Configuration;
using Linguacodus.Inference.LlamaSharp;
using Linguacodus.Inference.TestModel;
using Microsoft.Extensions.AI;

namespace Linguacodus.Web;

/// <summary>
/// `bench`: performance figures as JSON, each comparison measured side by side in one run
/// (median of three repeats after a warm-up). Without --model it measures the tiny test model it writes itself.
/// </summary>
public static class Bench
{
    private static readonly string[] Prompts =
    [
        "Write the first place instruction for a binary classification task on tabular data.",
        "Write the second place instruction for a regression task with missing values.",
        "Write the third place instruction for a time series forecasting task.",
    ];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(Dictionary<string, string> flags, CancellationToken cancellationToken)
    {
        if (flags.TryGetValue("write-test-model", out var target))
        {
            TinyLlamaModel.Write(target);
            TinyLlamaModel.WriteLoraAdapter(Path.ChangeExtension(target, ".lora.gguf"));
            Console.Error.WriteLine($"wrote {target} and {Path.ChangeExtension(target, ".lora.gguf")}");
            return 0;
        }
        var scratch = Directory.CreateTempSubdirectory("linguacodus-bench-");
        try
        {
            var path = flags.GetValueOrDefault("model") ?? Path.Combine(scratch.FullName, "tiny.gguf");
            if (!flags.ContainsKey("model"))
            {
                TinyLlamaModel.Write(path);
            }
            var tokens = int.TryParse(flags.GetValueOrDefault("tokens"), out var n) ? n : 64;
            var backend = new BackendOptions
            {
                Name = "bench",
                ModelPath = Path.GetFullPath(path),
                ContextSize = int.TryParse(flags.GetValueOrDefault("context"), out var context) ? context : 2_048,
                Threads = int.TryParse(flags.GetValueOrDefault("threads"), out var threads) ? threads : 1,
                GpuLayerCount = int.TryParse(flags.GetValueOrDefault("gpu-layers"), out var layers) ? layers : 0,
            };
            if (InferenceOptionsValidator.Check(backend).ToList() is { Count: > 0 } problems)
            {
                Console.Error.WriteLine($"linguacodus: {string.Join("; ", problems)}");
                return 2;
            }
            LlamaNativeLog.KeepWarningsOnly();
            await using var model = new LlamaModel(backend);
            var clock = Stopwatch.StartNew();
            await model.LoadAsync(cancellationToken);
            var load = clock.Elapsed;
            using var chat = new LlamaChatClient(model);
            var options = new ChatOptions { Temperature = 0, MaxOutputTokens = tokens };

            await GenerateAsync(chat, Prompts[0], options, cancellationToken); // warm-up
            var firstToken = await MedianAsync(() => TimeToFirstTokenAsync(chat, options, cancellationToken));
            var single = await MedianAsync(() => TimeAsync(() => GenerateAsync(chat, Prompts[0], options, cancellationToken)));
            var sequential = await MedianAsync(() => TimeAsync(async () =>
            {
                foreach (var prompt in Prompts)
                {
                    await GenerateAsync(chat, prompt, options, cancellationToken);
                }
            }));
            var batched = await MedianAsync(() => TimeAsync(() => Task.WhenAll(Prompts.Select(p => GenerateAsync(chat, p, options, cancellationToken)))));

            Console.WriteLine(JsonSerializer.Serialize(new
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
            }, Indented));
            return 0;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
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

    private static async Task<TimeSpan> MedianAsync(Func<Task<TimeSpan>> measure)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            times.Add(await measure());
        }
        return times.Order().ElementAt(1);
    }
}
