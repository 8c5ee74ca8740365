using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// Counts every model call's tokens into the step's <see cref="TokenTally"/>, and holds every step to at most
/// <c>maxTokensPerStep</c> output tokens (0: no budget). A step cut off by this budget (rather than by its back end's
/// own, smaller limit) ends the run with <see cref="LlmBudgetExceededException"/>, after its partial answer has
/// streamed. Tokens are the back end's count, or about four characters each when it gives none.
/// </summary>
public sealed class TokenBudgetChatClient : DelegatingChatClient
{
    private readonly int _maxTokensPerStep;

    public TokenBudgetChatClient(IChatClient inner, int maxTokensPerStep)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokensPerStep);
        _maxTokensPerStep = maxTokensPerStep;
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Read before the first await: the step's tally flows in with the call.
        var tally = TokenTally.Current;
        var sent = messages.ToList();
        var budgetBinds = _maxTokensPerStep > 0 && (options?.MaxOutputTokens is not { } requested || requested >= _maxTokensPerStep);
        var capped = options;
        if (_maxTokensPerStep > 0)
        {
            capped = options?.Clone() ?? new ChatOptions();
            capped.MaxOutputTokens = Math.Min(capped.MaxOutputTokens ?? int.MaxValue, _maxTokensPerStep);
        }
        UsageDetails? usage = null;
        long characters = 0;
        ChatFinishReason? finish = null;
        await foreach (var update in base.GetStreamingResponseAsync(sent, capped, cancellationToken))
        {
            characters += update.Text.Length;
            finish = update.FinishReason ?? finish;
            usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
            yield return update;
        }
        var written = usage?.OutputTokenCount ?? Estimate(characters);
        tally?.Add(usage?.InputTokenCount ?? Estimate(sent.Sum(m => (long)m.Text.Length)), written);
        if (budgetBinds && (finish == ChatFinishReason.Length || written >= _maxTokensPerStep))
        {
            var step = options?.AdditionalProperties?.TryGetValue(LlmRole.StepKey, out string? name) == true ? name! : "a model answer";
            throw new LlmBudgetExceededException(step, _maxTokensPerStep);
        }
    }

    private static long Estimate(long characters) => (characters + 3) / 4;
}
