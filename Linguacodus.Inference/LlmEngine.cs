using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Inference.Configuration;
using Linguacodus.Inference.LlamaSharp;
using Microsoft.Extensions.AI;

namespace Linguacodus.Inference;

/// <summary>
/// The engine whose instruction writer is a language model. The judge and the code writer are still the
/// baseline's, and the engine's name says so wherever runs are shown.
/// </summary>
public static class LlmEngine
{
    public static SolutionEngine Create(IChatClient chat, BackendOptions backend)
    {
        var options = new ChatOptions
        {
            Temperature = backend.Temperature,
            MaxOutputTokens = backend.MaxOutputTokens,
            Seed = backend.Seed,
        };
        if (backend.Kind == BackendKind.LlamaSharp && backend.ConstrainInstructions)
        {
            options.AdditionalProperties = new() { [LlamaChatClient.GrammarKey] = InstructionGrammar.Gbnf };
        }
        return BaselineEngine.Create() with
        {
            Name = $"llm:{backend.Name} (agents and code: {BaselineEngine.Name})",
            Instructions = new LlmInstructionWriter(chat, options),
        };
    }
}
