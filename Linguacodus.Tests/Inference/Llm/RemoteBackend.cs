using Linguacodus.Inference;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Linguacodus.Tests.Inference.Llm;

/// <summary>The app's own inference services over a configuration the test writes (back ends, roles, budgets).</summary>
internal sealed class RemoteBackend : IDisposable
{
    public RemoteBackend(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(Log).SetMinimumLevel(LogLevel.Trace));
        services.AddLinguacodusInference(configuration);
        Provider = services.BuildServiceProvider();
    }

    public ListLogger Log { get; } = new();

    public ServiceProvider Provider { get; }

    /// <summary>Settings for one OpenAI-compatible back end named "remote".</summary>
    public static Dictionary<string, string?> Settings(string endpoint, int maxRetries = 2, int timeoutSeconds = 30, string apiKeyVariable = "") => new()
    {
        ["Inference:Backends:0:Name"] = "remote",
        ["Inference:Backends:0:Kind"] = "OpenAICompatible",
        ["Inference:Backends:0:Endpoint"] = endpoint,
        ["Inference:Backends:0:ModelId"] = "qwen2.5-coder-7b-instruct",
        ["Inference:Backends:0:MaxRetries"] = maxRetries.ToString(),
        ["Inference:Backends:0:RequestTimeoutSeconds"] = timeoutSeconds.ToString(),
        ["Inference:Backends:0:ApiKeyVariable"] = apiKeyVariable,
    };

    /// <summary>The "remote" back end as the engine calls it: the connector's client behind the engine's wrappers.</summary>
    public IChatClient Client()
    {
        var options = Provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Linguacodus.Inference.Configuration.InferenceOptions>>().Value;
        return LlmEngine.Wrap(Provider.GetRequiredKeyedService<IChatClient>("remote"), options.Backends[0], 0, Log);
    }

    public void Dispose() => Provider.Dispose();
}
