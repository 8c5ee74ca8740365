using Linguacodus.Core.Engine.Llm;
using Linguacodus.Inference.Configuration;
using Linguacodus.Inference.LlamaSharp;
using Linguacodus.Inference.OpenAICompatible;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Linguacodus.Inference;

public static class DependencyInjection
{
    /// <summary>
    /// Registers one keyed <see cref="IChatClient"/> per configured back end (a local model loaded once and shared,
    /// or an OpenAI-compatible endpoint through Semantic Kernel's connector), validates the configuration at start-up,
    /// and makes the LLM engine, with each role on its configured back end, the run engine.
    /// Without back ends the baseline engine stays in charge.
    /// </summary>
    public static IServiceCollection AddLinguacodusInference(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InferenceOptions>, InferenceOptionsValidator>();
        var options = configuration.GetSection(InferenceOptions.SectionName).Get<InferenceOptions>() ?? new InferenceOptions();
        foreach (var backend in options.Backends)
        {
            if (backend.Kind == BackendKind.LlamaSharp)
            {
                services.AddKeyedSingleton(backend.Name, (_, _) => new LlamaModel(backend));
                services.AddKeyedSingleton<IChatClient>(backend.Name, (sp, key) => new LlamaChatClient(sp.GetRequiredKeyedService<LlamaModel>(key)));
            }
            else if (Uri.TryCreate(backend.Endpoint, UriKind.Absolute, out _))
            {
                // A malformed endpoint is left to the validator, which reports it at start-up.
                OpenAICompatibleBackend.Register(services, backend);
            }
        }
        if (options.Backends.Any(b => b.Kind == BackendKind.LlamaSharp))
        {
            LlamaNativeLog.KeepWarningsOnly();
        }
        // The templates the instructor fills, with the deployment's overrides: the training export fills the same.
        services.AddSingleton(sp => new PromptLibrary(sp.GetRequiredService<IOptions<InferenceOptions>>().Value.PromptOverrides));
        if (options.Backends.Count > 0)
        {
            services.AddSingleton(sp => LlmEngine.Create(
                sp.GetRequiredService<IOptions<InferenceOptions>>().Value,
                backend => sp.GetRequiredKeyedService<IChatClient>(backend.Name),
                sp.GetRequiredService<PromptLibrary>(),
                sp.GetService<ILoggerFactory>()));
        }
        return services;
    }

    /// <summary>The local models of the configuration, for start-up loading and the model page.</summary>
    public static IEnumerable<LlamaModel> LocalModels(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<InferenceOptions>>().Value.Backends
            .Where(b => b.Kind == BackendKind.LlamaSharp)
            .Select(b => services.GetRequiredKeyedService<LlamaModel>(b.Name));
}
