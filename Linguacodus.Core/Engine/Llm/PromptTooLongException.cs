namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// A prompt that does not fit its model's context even at its bare minimum with the smallest answer allowed. It is
/// an <see cref="InvalidOperationException"/> so a run stops with status Failed and this message, which names the
/// context and the setting to raise.
/// </summary>
public sealed class PromptTooLongException : InvalidOperationException
{
    public PromptTooLongException()
    {
    }

    public PromptTooLongException(string message)
        : base(message)
    {
    }

    public PromptTooLongException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PromptTooLongException(string step, string backend, int contextTokens, int promptTokens, int minAnswerTokens)
        : base($"The prompt for {step} does not fit the model's context of {contextTokens:N0} tokens: shortened as far as it goes it "
            + $"takes {promptTokens:N0} tokens, and the answer needs at least {minAnswerTokens:N0}. Set the back end's ContextSize "
            + $"(Inference:Backends, the one named '{backend}'; --context on the command line) to at least {promptTokens + minAnswerTokens:N0}.")
    {
    }
}
