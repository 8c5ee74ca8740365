using System.Text;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>How much a model can read at once: its context in tokens, and its own count of a prompt's tokens.</summary>
/// <param name="CountTokens">The tokens a user prompt takes, chat template included.</param>
public sealed record ContextLimit(int Tokens, Func<string, CancellationToken, ValueTask<int>> CountTokens)
{
    /// <summary>Tokens added for the chat template's markers around a prompt, in <see cref="Estimated"/>.</summary>
    public const int TemplateTokens = 16;

    /// <summary>
    /// A context whose tokenizer is not at hand (an endpoint): a prompt is counted as one token per three UTF-8
    /// bytes, more than common tokenizers give for English, code or accented text, so a fitted prompt is not refused.
    /// </summary>
    public static ContextLimit Estimated(int tokens) =>
        new(tokens, (prompt, _) => ValueTask.FromResult(EstimateTokens(prompt)));

    public static int EstimateTokens(string prompt) => (Encoding.UTF8.GetByteCount(prompt) + 2) / 3 + TemplateTokens;
}
