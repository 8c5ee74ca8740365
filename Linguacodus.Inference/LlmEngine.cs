using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Inference.Configuration;
using Linguacodus.Inference.LlamaSharp;
using Linguacodus.Inference.Middleware;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linguacodus.Inference;

/// <summary>
/// The paper's method over language models: the instructor writes the candidates, the researcher and the resolver
/// judge them, the coder writes the stages and repairs the program. Each role runs on the back end the configuration
/// names for it. Every back end is wrapped so its failures read clearly, and held to the step budget when one is set.
/// </summary>
public static class LlmEngine
{
    /// <summary>Every role on one back end, with the built-in prompts (the command line's --model).</summary>
    /// <param name="maxTokensPerStep">The step budget; 0 for none.</param>
    public static SolutionEngine Create(IChatClient chat, BackendOptions backend, int maxTokensPerStep = 0) =>
        Create(new InferenceOptions { Backends = [backend], Budgets = new() { MaxTokensPerStep = maxTokensPerStep } }, _ => chat, PromptLibrary.Default);

    /// <param name="clients">The client of a back end (for example its keyed service).</param>
    /// <exception cref="InvalidOperationException">A role names a back end that is not configured.</exception>
    public static SolutionEngine Create(
        InferenceOptions options, Func<BackendOptions, IChatClient> clients, PromptLibrary prompts, ILoggerFactory? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        var logger = logging?.CreateLogger("Linguacodus.Inference.Backend") ?? NullLogger.Instance;
        var shared = new Dictionary<string, (IChatClient Chat, ContextLimit Context)>();
        var roles = options.Roles.All.ToDictionary(r => r.Role, r =>
        {
            var backend = options.For(r.Backend) ?? throw new InvalidOperationException($"Inference:Roles:{r.Role} names '{r.Backend}', which is not a configured back end.");
            if (!shared.TryGetValue(backend.Name, out var client))
            {
                var raw = clients(backend);
                // Prompts are fitted to the context: counted by a local model's own tokenizer, estimated for an endpoint.
                var context = raw.GetService<LlamaModel>() is { } model ? LlamaContextLimit.For(model) : ContextLimit.Estimated(backend.ContextSize);
                client = (Wrap(raw, backend, options.Budgets.MaxTokensPerStep, logger), context);
                shared[backend.Name] = client;
            }
            return (Backend: backend, Role: new LlmRole(
                backend.Name,
                client.Chat,
                new ChatOptions { Temperature = backend.Temperature, MaxOutputTokens = backend.MaxOutputTokens, Seed = backend.Seed },
                backend.Kind == BackendKind.LlamaSharp ? LlamaChatClient.GrammarKey : null,
                client.Context));
        });
        var (instructorBackend, instructor) = roles["Instructor"];
        return new SolutionEngine(
            Name(roles.ToDictionary(r => r.Key, r => r.Value.Backend.Name)),
            new LlmInstructionWriter(instructor, prompts, instructorBackend.ConstrainInstructions),
            new LlmJudge(roles["Researcher"].Role, roles["Resolver"].Role, prompts),
            new LlmCodeWriter(roles["Coder"].Role, prompts));
    }

    /// <summary>A back end as the engine calls it: failures made readable, then tokens counted and the step budget (when set) on top.</summary>
    internal static IChatClient Wrap(IChatClient chat, BackendOptions backend, int maxTokensPerStep, ILogger logger) =>
        new ChatClientBuilder(chat)
            .Use(inner => new TokenBudgetChatClient(inner, maxTokensPerStep))
            .Use(inner => new BackendGuardChatClient(inner, backend, logger))
            .Build();

    /// <summary>"llm:local" when one back end plays every role, else each role's back end.</summary>
    private static string Name(Dictionary<string, string> backends) =>
        backends.Values.Distinct().Count() == 1
            ? $"llm:{backends.Values.First()}"
            : "llm:" + string.Join(", ", backends.Select(r => $"{r.Key.ToLowerInvariant()}={r.Value}"));
}
