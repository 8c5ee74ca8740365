namespace Linguacodus.Core.Engine.Llm;

/// <summary>How much a model can read at once: its context in tokens, and its own count of a prompt's tokens.</summary>
/// <param name="CountTokens">The tokens a user prompt takes, chat template included.</param>
public sealed record ContextLimit(int Tokens, Func<string, CancellationToken, ValueTask<int>> CountTokens);
