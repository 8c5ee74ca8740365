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
/// <param name="Context">The model's context, when it is small enough to matter (local models); null when prompts need no fitting.</param>
public sealed record LlmRole(string Backend, IChatClient Chat, ChatOptions Options, string? GrammarKey = null, ContextLimit? Context = null)
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key that names the step a call belongs to, for budget messages.</summary>
    public const string StepKey = "linguacodus.step";

    /// <summary>The levels of detail a prompt is tried at, from whole to a tenth of each long part.</summary>
    private static readonly double[] Detail = [1, 0.5, 0.25, 0.1];

    /// <summary>
    /// The most detailed prompt that leaves room for the answer in the model's context: the prompt is built at full
    /// detail, then with its long parts (code, options, analysis, error output) clipped harder, down to a tenth. A
    /// prompt that fits at no level is sent at the least detail, and the back end says it is too long.
    /// </summary>
    /// <param name="prompt">Builds the prompt at a level of detail between 0 and 1.</param>
    public async Task<string> FitAsync(Func<double, string> prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (Context is null)
        {
            return prompt(1);
        }
        // Room is left for the answer, and for the note a retry adds to the prompt.
        var room = Context.Tokens - Math.Min(Options.MaxOutputTokens ?? 0, Context.Tokens / 2) - 256;
        var text = "";
        foreach (var detail in Detail)
        {
            text = prompt(detail);
            if (await Context.CountTokens(text, cancellationToken) <= room)
            {
                break;
            }
        }
        return text;
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
