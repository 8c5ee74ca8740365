using Microsoft.Extensions.AI;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>A prompt shortened to fit its model's context, and the options to send it with (the answer's token limit may be lowered).</summary>
/// <param name="Tokens">The prompt's tokens as the model counts them; 0 where no context is known.</param>
public sealed record FittedPrompt(string Text, ChatOptions Options, int Tokens = 0)
{
    public IList<ChatMessage> Messages => [new ChatMessage(ChatRole.User, Text)];
}
