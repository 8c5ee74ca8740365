using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// The model behind one role of the engine (instructor, researcher, resolver, coder), with the options of its calls.
/// </summary>
/// <param name="Backend">The back end's configured name, for the engine's name and messages.</param>
/// <param name="GrammarKey">
/// The <see cref="ChatOptions.AdditionalProperties"/> key under which this back end takes a GBNF grammar (local models);
/// null for a back end that takes a JSON schema as its response format instead (OpenAI-compatible endpoints).
/// </param>
/// <param name="Context">The model's context, which every prompt is fitted to (see <see cref="FitAsync"/>); null sends prompts whole.</param>
public sealed record LlmRole(string Backend, IChatClient Chat, ChatOptions Options, string? GrammarKey = null, ContextLimit? Context = null)
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key that names the step a call belongs to, for budget messages.</summary>
    public const string StepKey = "linguacodus.step";

    /// <summary>The smallest answer worth asking for: below it a prompt that cannot be shortened further fails instead.</summary>
    public const int MinAnswerTokens = 256;

    /// <summary>
    /// The prompt as long as the model's context allows with room for the whole answer (the options' output tokens):
    /// built at each <see cref="PromptCut"/> of <see cref="PromptCut.Sequence"/> in turn, from whole to bare minimum,
    /// until one fits. If even the bare minimum leaves too little room, the answer's limit is lowered to what is left,
    /// down to <see cref="MinAnswerTokens"/> (or the limit asked for, if smaller); below that the step fails with
    /// <see cref="PromptTooLongException"/>, which names the context and the setting to raise.
    /// </summary>
    /// <param name="options">The call's options (from <see cref="For"/>); the answer's limit is read from them.</param>
    /// <param name="prompt">Builds the prompt at a cut.</param>
    public async Task<FittedPrompt> FitAsync(ChatOptions options, Func<PromptCut, string> prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(prompt);
        if (Context is null)
        {
            return new FittedPrompt(prompt(PromptCut.Whole), options);
        }
        var requested = options.MaxOutputTokens ?? Context.Tokens / 4;
        string? text = null;
        var tokens = 0;
        foreach (var cut in PromptCut.Sequence)
        {
            var shorter = prompt(cut);
            if (shorter == text)
            {
                continue;
            }
            text = shorter;
            tokens = await Context.CountTokens(text, cancellationToken);
            if (tokens + requested <= Context.Tokens)
            {
                return new FittedPrompt(text, options, tokens);
            }
        }
        var floor = Math.Min(requested, MinAnswerTokens);
        if (Context.Tokens - tokens < floor)
        {
            var step = options.AdditionalProperties?.TryGetValue(StepKey, out string? name) == true ? name! : "a model answer";
            throw new PromptTooLongException(step, Backend, Context.Tokens, tokens, floor);
        }
        var smaller = options.Clone();
        smaller.MaxOutputTokens = Context.Tokens - tokens;
        return new FittedPrompt(text!, smaller, tokens);
    }

    /// <summary>The options of one call, labelled with the step it serves.</summary>
    public ChatOptions For(string step)
    {
        var options = Options.Clone();
        options.AdditionalProperties = options.AdditionalProperties?.Clone() ?? [];
        options.AdditionalProperties[StepKey] = step;
        return options;
    }

    /// <summary>The options of a call whose answer must take a fixed form: a grammar for a local model, a JSON schema for an endpoint.</summary>
    public ChatOptions Constrained(string step, string gbnf, JsonElement schema, string schemaName)
    {
        var options = For(step);
        if (GrammarKey is null)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, schemaName);
        }
        else
        {
            options.AdditionalProperties![GrammarKey] = gbnf;
        }
        return options;
    }
}
