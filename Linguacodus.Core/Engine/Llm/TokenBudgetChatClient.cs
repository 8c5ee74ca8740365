using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// Holds every model step to at most <c>maxTokensPerStep</c> output tokens. A step that is cut off by this budget
/// (rather than by its back end's own, smaller limit) ends the run with <see cref="LlmBudgetExceededException"/>,
/// after its partial answer has streamed. Tokens are the back end's count, or about four characters each when it gives none.
/// </summary>
public sealed class TokenBudgetChatClient : DelegatingChatClient
{
    private readonly int _maxTokensPerStep;

    public TokenBudgetChatClient(IChatClient inner, int maxTokensPerStep)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTokensPerStep);
        _maxTokensPerStep = maxTokensPerStep;
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var budgetBinds = options?.MaxOutputTokens is not { } requested || requested >= _maxTokensPerStep;
        var capped = options?.Clone() ?? new ChatOptions();
        capped.MaxOutputTokens = Math.Min(capped.MaxOutputTokens ?? int.MaxValue, _maxTokensPerStep);
        long? counted = null;
        long characters = 0;
        ChatFinishReason? finish = null;
        await foreach (var update in base.GetStreamingResponseAsync(messages, capped, cancellationToken))
        {
            characters += update.Text.Length;
            finish = update.FinishReason ?? finish;
            counted = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details.OutputTokenCount ?? counted;
            yield return update;
        }
        var used = counted ?? (characters + 3) / 4;
        if (budgetBinds && (finish == ChatFinishReason.Length || used >= _maxTokensPerStep))
        {
            var step = options?.AdditionalProperties?.TryGetValue(LlmRole.StepKey, out string? name) == true ? name! : "a model answer";
            throw new LlmBudgetExceededException(step, _maxTokensPerStep);
        }
    }
}
