using System.Text;
using Linguacodus.Core.Engine.Llm;
using Microsoft.Extensions.AI;

namespace Linguacodus.Inference.LlamaSharp;

/// <summary>A local model's context, with prompts counted by the model's own tokenizer and chat template, exactly as <see cref="LlamaChatClient"/> sends them.</summary>
internal static class LlamaContextLimit
{
    public static ContextLimit For(LlamaModel model) => new(model.Options.ContextSize, async (prompt, cancellationToken) =>
    {
        var loaded = await model.ReadyAsync(cancellationToken);
        var text = LlamaPromptFormat.Format(loaded.Weights, loaded.HasChatTemplate, [new ChatMessage(ChatRole.User, prompt)]);
        return loaded.Weights.Tokenize(text, add_bos: true, special: true, Encoding.UTF8).Length;
    });
}
