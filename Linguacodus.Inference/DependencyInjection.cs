using Linguacodus.Inference.Configuration;
using Linguacodus.Inference.LlamaSharp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Linguacodus.Inference;

public static class DependencyInjection
{
    /// <summary>
    /// Registers one keyed <see cref="IChatClient"/> per configured local back end (its model loaded once and shared),
    /// validates the configuration at start-up, and makes the default back end write the instructions.
    /// Without back ends the baseline engine stays in charge.
    /// </summary>
    public static IServiceCollection AddLinguacodusInference(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InferenceOptions>, InferenceOptionsValidator>();
        var options = configuration.GetSection(InferenceOptions.SectionName).Get<InferenceOptions>() ?? new InferenceOptions();
        foreach (var backend in options.Backends.Where(b => b.Kind == BackendKind.LlamaSharp))
        {
            services.AddKeyedSingleton(backend.Name, (_, _) => new LlamaModel(backend));
            services.AddKeyedSingleton<IChatClient>(backend.Name, (sp, key) => new LlamaChatClient(sp.GetRequiredKeyedService<LlamaModel>(key)));
        }
        if (options.Default is { Kind: BackendKind.LlamaSharp } instructor)
        {
            LlamaNativeLog.KeepWarningsOnly();
            services.AddSingleton(sp => LlmEngine.Create(sp.GetRequiredKeyedService<IChatClient>(instructor.Name), instructor));
        }
        return services;
    }

    /// <summary>The local models of the configuration, for start-up loading and the model page.</summary>
    public static IEnumerable<LlamaModel> LocalModels(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<InferenceOptions>>().Value.Backends
            .Where(b => b.Kind == BackendKind.LlamaSharp)
            .Select(b => services.GetRequiredKeyedService<LlamaModel>(b.Name));
}
