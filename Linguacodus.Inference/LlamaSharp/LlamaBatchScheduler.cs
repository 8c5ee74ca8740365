using System.Threading.Channels;
using LLama;
using LLama.Abstractions;
using LLama.Batched;
using LLama.Native;
using LLama.Sampling;

namespace Linguacodus.Inference.LlamaSharp;

/// <summary>
/// One decode loop per model that owns llama.cpp's context: every sequence being generated, from any caller,
/// advances in the same batch (one decode per step), so three candidates cost little more than one and
/// concurrent users share the model safely. Sequences that do not fit the context wait in a queue.
/// </summary>
internal sealed class LlamaBatchScheduler : IAsyncDisposable
{
    private readonly LLamaWeights _weights;
    private readonly BatchedExecutor _executor;
    private readonly int _contextSize;
    private readonly Channel<Sequence> _incoming = Channel.CreateUnbounded<Sequence>();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _watchLock = new();
    private readonly List<(Func<LlamaBatchState, bool> Condition, TaskCompletionSource<LlamaBatchState> Met)> _watchers = [];
    private readonly Task _loop;

    public LlamaBatchScheduler(LLamaWeights weights, IContextParams parameters, IReadOnlyList<(LoraAdapter Adapter, float Scale)> adapters)
    {
        _weights = weights;
        _executor = new BatchedExecutor(weights, parameters);
        _contextSize = (int)_executor.Context.ContextSize;
        if (adapters.Count > 0)
        {
            _executor.Context.NativeHandle.SetLoraAdapters([.. adapters]);
        }
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The loop's queue, batch and steps as it last published them.</summary>
    public LlamaBatchState State { get; private set; } = LlamaBatchState.Idle;

    /// <summary>Sequences waiting for room in the context (a visible queue for the UI).</summary>
    public int Waiting => State.Waiting;

    public int Active => State.Active;

    /// <summary>
    /// Completes with the first state the loop publishes (or has published) that meets <paramref name="condition"/>,
    /// so a caller waits on the queue instead of polling it. The condition runs on the loop's thread.
    /// </summary>
    public Task<LlamaBatchState> WhenAsync(Func<LlamaBatchState, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var met = new TaskCompletionSource<LlamaBatchState>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_watchLock)
        {
            if (condition(State))
            {
                return Task.FromResult(State);
            }
            _watchers.Add((condition, met));
        }
        return met.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Streams the text of one sequence; takes ownership of <paramref name="pipeline"/>. Cancelling ends it at the next step and throws <see cref="OperationCanceledException"/>.</summary>
    public async IAsyncEnumerable<GeneratedPiece> GenerateAsync(
        LLamaToken[] prompt, ISamplingPipeline pipeline, int maxTokens,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (prompt.Length + 1 > _contextSize)
        {
            pipeline.Dispose();
            throw new InvalidOperationException($"The prompt has {prompt.Length} tokens but the context holds {_contextSize}; shorten it or raise ContextSize.");
        }
        var output = Channel.CreateUnbounded<GeneratedPiece>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var abandon = new CancellationTokenSource();
        var sequence = new Sequence(prompt, pipeline, Math.Min(maxTokens, _contextSize - prompt.Length), output.Writer, cancellationToken, abandon.Token);
        await _incoming.Writer.WriteAsync(sequence, cancellationToken);
        var completed = false;
        try
        {
            await foreach (var piece in output.Reader.ReadAllAsync(CancellationToken.None))
            {
                yield return piece;
            }
            completed = true;
        }
        finally
        {
            if (!completed)
            {
                await abandon.CancelAsync();
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task LoopAsync()
    {
        var waiting = new Queue<Sequence>();
        var active = new List<Running>();
        while (!_shutdown.IsCancellationRequested)
        {
            // Finished sequences have left the batch: published before the loop may sleep on an empty queue.
            Publish(waiting.Count, active.Count, 0);
            if (active.Count == 0 && waiting.Count == 0)
            {
                try
                {
                    if (!await _incoming.Reader.WaitToReadAsync(_shutdown.Token))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            while (_incoming.Reader.TryRead(out var next))
            {
                waiting.Enqueue(next);
            }
            Admit(waiting, active);
            Publish(waiting.Count, active.Count, 0);
            if (active.Count == 0)
            {
                continue;
            }
            var result = await _executor.Infer(CancellationToken.None);
            Publish(waiting.Count, active.Count, 1);
            if (result != DecodeResult.Ok)
            {
                var error = new InvalidOperationException($"llama.cpp could not decode the batch ({result}); the context of {_contextSize} tokens may be full.");
                foreach (var running in active.ToList())
                {
                    Finish(active, running, error);
                }
                continue;
            }
            foreach (var running in active.ToList())
            {
                // A conversation is disposed only once its pending tokens are decoded: LLamaSharp reuses its sequence id
                // and leaves the pending tokens in the batch queue.
                if (running.Sequence.Cancelled && !running.Conversation.RequiresInference)
                {
                    Finish(active, running, null);
                }
                else if (running.Conversation.RequiresSampling)
                {
                    Step(active, running);
                }
            }
        }
        foreach (var running in active.ToList())
        {
            Finish(active, running, new ObjectDisposedException(nameof(LlamaBatchScheduler)));
        }
        foreach (var queued in waiting)
        {
            queued.Complete(new ObjectDisposedException(nameof(LlamaBatchScheduler)));
        }
        Publish(0, 0, 0);
    }

    /// <summary>Publishes the loop's state when it changed, and completes the watchers it satisfies.</summary>
    private void Publish(int waiting, int active, int steps)
    {
        var state = State;
        if (steps == 0 && state.Waiting == waiting && state.Active == active)
        {
            return;
        }
        lock (_watchLock)
        {
            State = new LlamaBatchState(
                waiting, active, Math.Max(state.MostWaiting, waiting), Math.Max(state.MostActive, active), state.Steps + steps);
            foreach (var watcher in _watchers.Where(w => w.Condition(State)).ToList())
            {
                _watchers.Remove(watcher);
                watcher.Met.TrySetResult(State);
            }
        }
    }

    /// <summary>Starts queued sequences while their prompt and output fit the context next to the running ones.</summary>
    private void Admit(Queue<Sequence> waiting, List<Running> active)
    {
        if (waiting.Any(s => s.Cancelled))
        {
            var kept = waiting.Where(s => !s.Cancelled).ToList();
            foreach (var cancelled in waiting.Where(s => s.Cancelled))
            {
                cancelled.Complete(null);
            }
            waiting.Clear();
            kept.ForEach(waiting.Enqueue);
        }
        while (waiting.TryPeek(out var next))
        {
            if (next.Cancelled)
            {
                waiting.Dequeue();
                next.Complete(null);
                continue;
            }
            var reserved = active.Sum(r => r.Sequence.Prompt.Length + r.Sequence.MaxTokens);
            if (active.Count > 0 && reserved + next.Prompt.Length + next.MaxTokens > _contextSize)
            {
                return;
            }
            waiting.Dequeue();
            var conversation = _executor.Create();
            conversation.Prompt(next.Prompt);
            active.Add(new Running(next, conversation, new StreamingTokenDecoder(_executor.Context)));
        }
    }

    private void Step(List<Running> active, Running running)
    {
        var token = running.Conversation.Sample(running.Sequence.Pipeline);
        if (token.IsEndOfGeneration(_weights.Vocab))
        {
            Finish(active, running, null);
            return;
        }
        running.Generated++;
        running.Decoder.Add(token);
        running.Sequence.Output.TryWrite(new GeneratedPiece(running.Decoder.Read(), running.Sequence.Prompt.Length, running.Generated, running.Generated >= running.Sequence.MaxTokens));
        if (running.Generated >= running.Sequence.MaxTokens)
        {
            Finish(active, running, null);
            return;
        }
        running.Conversation.Prompt(token);
    }

    private static void Finish(List<Running> active, Running running, Exception? error)
    {
        active.Remove(running);
        running.Conversation.Dispose();
        running.Sequence.Complete(error);
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        _incoming.Writer.TryComplete();
        await _loop;
        _executor.Dispose();
        _shutdown.Dispose();
    }

    /// <summary>A requested generation; the scheduler owns its sampling pipeline from here on and disposes it when done.</summary>
    private sealed record Sequence(
        LLamaToken[] Prompt, ISamplingPipeline Pipeline, int MaxTokens, ChannelWriter<GeneratedPiece> Output, CancellationToken Caller, CancellationToken Abandoned)
    {
        /// <summary>
        /// Reads both tokens rather than one linked to the caller's: a linked source hears of CancelAsync through a
        /// thread-pool callback, which a busy pool can delay for a hundred decode steps.
        /// </summary>
        public bool Cancelled => Caller.IsCancellationRequested || Abandoned.IsCancellationRequested;

        public void Complete(Exception? error)
        {
            Pipeline.Dispose();
            Output.TryComplete(error);
        }
    }

    private sealed class Running(Sequence sequence, Conversation conversation, StreamingTokenDecoder decoder)
    {
        public Sequence Sequence { get; } = sequence;

        public Conversation Conversation { get; } = conversation;

        public StreamingTokenDecoder Decoder { get; } = decoder;

        public int Generated { get; set; }
    }
}
