using System.Runtime.CompilerServices;
using System.Text;
using LLama.Sampling;
using Linguacodus.Inference.Configuration;
using Microsoft.Extensions.AI;

namespace Linguacodus.Inference.LlamaSharp;

/// <summary>
/// A local GGUF model as an <see cref="IChatClient"/>. Every call becomes one sequence of the model's shared batch,
/// so concurrent calls (three candidates, several users) decode together. Cancellation stops the sequence at the next
/// token and throws <see cref="OperationCanceledException"/>, unlike LLamaSharp's stateless executor which ends quietly.
/// </summary>
public sealed class LlamaChatClient(LlamaModel model) : IChatClient
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key of a GBNF grammar that constrains the output.</summary>
    public const string GrammarKey = "llama.grammar";

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var loaded = await model.ReadyAsync(cancellationToken);
        var prompt = LlamaPromptFormat.Format(loaded.Weights, loaded.HasChatTemplate, messages);
        var tokens = loaded.Weights.Tokenize(prompt, add_bos: true, special: true, Encoding.UTF8);
        var settings = model.Options;
#pragma warning disable CA2000 // The scheduler owns the pipeline: it may still be sampling when this reader stops early.
        var pipeline = Pipeline(options, model.Options);
#pragma warning restore CA2000
        var stops = options?.StopSequences ?? [];
        var text = new StringBuilder();
        var id = Guid.NewGuid().ToString("N");
        int promptTokens = tokens.Length, outputTokens = 0, emitted = 0;
        var atLimit = false;
        var stopped = false;
        await foreach (var piece in loaded.Scheduler.GenerateAsync(tokens, pipeline, options?.MaxOutputTokens ?? settings.MaxOutputTokens, cancellationToken))
        {
            // Pieces already decoded wait in the scheduler's buffer; a cancelled reader stops at once instead of draining them.
            cancellationToken.ThrowIfCancellationRequested();
            outputTokens = piece.OutputTokens;
            atLimit = piece.AtLimit;
            text.Append(piece.Text);
            var all = text.ToString();
            var hit = stops.Select(s => all.IndexOf(s, Math.Max(0, emitted - s.Length + 1), StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            if (hit >= 0)
            {
                if (hit > emitted)
                {
                    yield return Update(id, all[emitted..hit]);
                }
                stopped = true;
                break;
            }
            // Hold back text that may be the start of a stop sequence.
            var hold = stops.Select(s => Enumerable.Range(1, Math.Min(s.Length - 1, all.Length)).LastOrDefault(n => all.EndsWith(s[..n], StringComparison.Ordinal))).DefaultIfEmpty(0).Max();
            var safe = all.Length - hold;
            if (safe > emitted)
            {
                yield return Update(id, all[emitted..safe]);
                emitted = safe;
            }
        }
        if (!stopped && text.Length > emitted)
        {
            yield return Update(id, text.ToString()[emitted..]);
        }
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails
        {
            InputTokenCount = promptTokens,
            OutputTokenCount = outputTokens,
            TotalTokenCount = promptTokens + outputTokens,
        })])
        {
            ResponseId = id,
            FinishReason = !stopped && atLimit ? ChatFinishReason.Length : ChatFinishReason.Stop,
        };
    }

    /// <summary>Temperature 0 means greedy: the greedy sampler gives the same tokens as the full chain, for less work per token.</summary>
    private static BaseSamplingPipeline Pipeline(ChatOptions? options, BackendOptions settings)
    {
        var grammar = options?.AdditionalProperties?.TryGetValue(GrammarKey, out string? gbnf) == true && gbnf is not null
            ? new Grammar(gbnf, "root")
            : null;
        var temperature = options?.Temperature ?? settings.Temperature;
        return temperature <= 0
            ? new GreedySamplingPipeline { Grammar = grammar }
            : new DefaultSamplingPipeline
            {
                Temperature = temperature,
                Seed = (uint?)options?.Seed ?? settings.Seed,
                TopP = options?.TopP ?? 0.95f,
                Grammar = grammar,
            };
    }

    private static ChatResponseUpdate Update(string id, string text) => new(ChatRole.Assistant, text) { ResponseId = id };

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(LlamaModel) ? model
        : serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("llamasharp", null, model.Info?.Name)
        : null;

    public void Dispose()
    {
        // The model is shared and owned by the container.
    }
}
