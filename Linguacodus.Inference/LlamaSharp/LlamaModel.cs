using System.Diagnostics;
using LLama;
using LLama.Common;
using Linguacodus.Inference.Configuration;

namespace Linguacodus.Inference.LlamaSharp;

/// <summary>
/// One local GGUF model, loaded once and shared by every caller. Loading starts on first use (or at start-up) and
/// runs in the background, so the app stays usable while a large model loads; its progress and metadata are visible.
/// </summary>
public sealed class LlamaModel : IAsyncDisposable
{
    private readonly Lazy<Task<Loaded>> _loaded;

    public LlamaModel(BackendOptions options)
    {
        Options = options;
        _loaded = new(() => Task.Run(LoadAsync));
    }

    public BackendOptions Options { get; }

    public LlamaModelState State { get; private set; }

    /// <summary>Loading progress from 0 to 1.</summary>
    public float Progress { get; private set; }

    public string? Error { get; private set; }

    public GgufInfo? Info { get; private set; }

    public TimeSpan LoadTime { get; private set; }

    /// <summary>Sequences waiting for room in the model's context.</summary>
    public int Queued => _loaded.IsValueCreated && _loaded.Value.IsCompletedSuccessfully ? _loaded.Value.Result.Scheduler.Waiting : 0;

    /// <summary>Starts loading without waiting for it.</summary>
    public void BeginLoading() => _ = _loaded.Value;

    /// <summary>Waits until the model is loaded; throws <see cref="InvalidOperationException"/> with a plain message if it cannot be.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken) => await ReadyAsync(cancellationToken);

    internal async Task<Loaded> ReadyAsync(CancellationToken cancellationToken) => await _loaded.Value.WaitAsync(cancellationToken);

    private async Task<Loaded> LoadAsync()
    {
        State = LlamaModelState.Loading;
        var clock = Stopwatch.StartNew();
        try
        {
            Info = GgufInfo.Read(Options.ModelPath);
            var parameters = new ModelParams(Options.ModelPath)
            {
                ContextSize = (uint)Options.ContextSize,
                GpuLayerCount = Options.GpuLayerCount,
                BatchSize = (uint)Options.BatchSize,
            };
            if (Options.Threads > 0)
            {
                parameters.Threads = Options.Threads;
                parameters.BatchThreads = Options.Threads;
            }
            var weights = await LLamaWeights.LoadFromFileAsync(parameters, CancellationToken.None, new LoadProgress(this));
            var adapters = Options.LoraAdapters
                .Select(a => (weights.NativeHandle.LoadLoraFromFile(a.Path), a.Scale))
                .ToList();
#pragma warning disable CA2000 // The scheduler belongs to Loaded and is disposed with the model.
            var loaded = new Loaded(weights, new LlamaBatchScheduler(weights, parameters, adapters), Info.ChatTemplate is not null);
#pragma warning restore CA2000
            LoadTime = clock.Elapsed;
            Progress = 1;
            State = LlamaModelState.Ready;
            return loaded;
        }
        catch (Exception error) when (error is IOException or InvalidDataException or LLama.Exceptions.RuntimeError)
        {
            Error = $"The model {Path.GetFileName(Options.ModelPath)} could not be loaded: {error.Message}";
            State = LlamaModelState.Failed;
            throw new InvalidOperationException(Error, error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_loaded.IsValueCreated && await _loaded.Value.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default) is { } loaded)
        {
            await loaded.Scheduler.DisposeAsync();
            loaded.Weights.Dispose();
        }
    }

    /// <summary>
    /// Reports on the loading thread itself: <see cref="Progress{T}"/> posts each report to the thread pool, so a
    /// late 0.88 could land after the load finished and set 1.
    /// </summary>
    private sealed class LoadProgress(LlamaModel model) : IProgress<float>
    {
        public void Report(float value)
        {
            if (model.State == LlamaModelState.Loading)
            {
                model.Progress = Math.Max(model.Progress, value);
            }
        }
    }

    internal sealed record Loaded(LLamaWeights Weights, LlamaBatchScheduler Scheduler, bool HasChatTemplate);
}
