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
        using var pipeline = Pipeline(options, model.Options);
        var stops = options?.StopSequences ?? [];
        var text = new StringBuilder();
        var id = Guid.NewGuid().ToString("N");
        int promptTokens = tokens.Length, outputTokens = 0;
        await foreach (var piece in loaded.Scheduler.GenerateAsync(tokens, pipeline, options?.MaxOutputTokens ?? settings.MaxOutputTokens, cancellationToken))
        {
            outputTokens = piece.OutputTokens;
            text.Append(piece.Text);
            if (stops.FirstOrDefault(s => text.ToString().EndsWith(s, StringComparison.Ordinal)) is { } stop)
            {
                var keep = piece.Text.Length - stop.Length;
                if (keep > 0)
                {
                    yield return Update(id, piece.Text[..keep]);
                }
                break;
            }
            yield return Update(id, piece.Text);
        }
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails
        {
            InputTokenCount = promptTokens,
            OutputTokenCount = outputTokens,
            TotalTokenCount = promptTokens + outputTokens,
        })])
        {
            ResponseId = id,
            FinishReason = outputTokens >= (options?.MaxOutputTokens ?? settings.MaxOutputTokens) ? ChatFinishReason.Length : ChatFinishReason.Stop,
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
