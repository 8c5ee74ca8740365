using System.CommandLine;
using System.Text.Json;
using Linguacodus.Core.Execution;
using Linguacodus.Inference.Configuration;

namespace Linguacodus.Web.Cli;

/// <summary>
/// `bench`: performance figures as JSON on stdout. It measures in a data folder of its own, deleted at the end, so
/// the analyst's database and history never see its runs.
/// </summary>
internal static class BenchCommand
{
    private static readonly string[] Sections = ["model", "sandbox", "orchestration", "profile", "scale", "memory"];

    // The scale curve solves a million-row task: minutes, so only when asked for. The memory section comes after
    // the others, which report the process's memory: its 100,000-case index would count in their figures.
    private static readonly string[] DefaultSections = ["model", "sandbox", "orchestration", "profile", "memory"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Said when the model section has no model to measure.</summary>
    public const string NoModel =
        "no --model FILE.gguf given. Pass a GGUF model, or write the tiny test model with: dotnet run scripts/write-test-model.cs -- tiny.gguf "
        + "(136k random parameters: its figures show the overhead of llama.cpp, not the speed of a real model).";

    public static Command Create()
    {
        var only = new Option<string[]>("--only")
        {
            Description = $"the sections to measure, comma-separated (default: all but scale)",
            HelpName = string.Join(",", Sections),
            DefaultValueFactory = _ => DefaultSections,
            CustomParser = result => result.Tokens.Single().Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        };
        only.Validators.Add(result =>
        {
            foreach (var unknown in (result.GetValueOrDefault<string[]>() ?? []).Except(Sections))
            {
                result.AddError(unknown == "store"
                    ? "--only store is gone: saving runs is measured by Linguacodus.Benchmarks (RunStoreBenchmarks)."
                    : $"--only takes {string.Join(", ", Sections)}, not '{unknown}'.");
            }
        });
        var model = new Option<FileInfo?>("--model") { Description = "the GGUF model whose figures to take (without it the model section is skipped)", HelpName = "FILE.gguf" };
        var tokens = CliOptions.Number("--tokens", 1, 100_000, "output tokens per sequence (default 64)");
        var threads = CliOptions.Number("--threads", 0, 1_024, "CPU threads of the model (default 1)");
        var context = CliOptions.Number("--context", 16, 1_048_576, "context size of the model (default 2048)");
        var gpuLayers = CliOptions.Number("--gpu-layers", 0, 1_000, "layers offloaded to the GPU (default 0)");
        var command = new Command(
            "bench",
            "Print performance figures as JSON: a local model, the sandbox, the orchestration of solve, profiling against pandas, retrieval from the memory of cases, and the scale curve")
        {
            only, model, tokens, threads, context, gpuLayers,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var backend = parsed.GetValue(model) is { } file
                ? new BackendOptions
                {
                    Name = "bench",
                    ModelPath = file.FullName,
                    ContextSize = parsed.GetValue(context) ?? 2_048,
                    Threads = parsed.GetValue(threads) ?? 1,
                    GpuLayerCount = parsed.GetValue(gpuLayers) ?? 0,
                }
                : null;
            return await RunAsync(parsed.GetRequiredValue(only), backend, parsed.GetValue(tokens) ?? 64, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> sections, BackendOptions? backend, int tokens, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("linguacodus-bench-");
        try
        {
            var figures = new Dictionary<string, object>();
            await using (var services = await CliServices.BuildAsync(new CliSettings().DataDirectory(Path.Combine(scratch.FullName, "data")).NoBackends(), cancellationToken))
            {
                foreach (var section in sections)
                {
                    Console.Error.WriteLine($"bench: {section}");
                    figures[section] = section switch
                    {
                        "model" when backend is null => new { skipped = NoModel },
                        "model" => await BenchFigures.ModelAsync(backend, tokens, cancellationToken),
                        "sandbox" => await BenchFigures.SandboxAsync(services.GetRequiredService<ICodeSandbox>(), scratch.FullName, cancellationToken),
                        "profile" => await BenchData.ProfileAsync(scratch.FullName, cancellationToken),
                        "memory" => BenchMemory.Measure(),
                        "scale" => await BenchData.ScaleAsync(services, scratch.FullName, cancellationToken),
                        _ => await BenchFigures.OrchestrationAsync(services, scratch.FullName, cancellationToken),
                    };
                }
            }
            Console.WriteLine(JsonSerializer.Serialize(figures, Indented));
            return 0;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
