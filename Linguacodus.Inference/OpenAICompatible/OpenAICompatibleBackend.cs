using System.ClientModel;
using Linguacodus.Inference.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace Linguacodus.Inference.OpenAICompatible;

/// <summary>
/// An OpenAI-compatible endpoint (vLLM, llama.cpp server, Ollama, OpenAI) registered through Semantic Kernel's OpenAI
/// connector as a keyed <see cref="Microsoft.Extensions.AI.IChatClient"/>, with this back end's timeout and retries.
/// </summary>
internal static class OpenAICompatibleBackend
{
    public static void Register(IServiceCollection services, BackendOptions backend) =>
        services.AddOpenAIChatClient(backend.ModelId, CreateClient(backend), serviceId: backend.Name);

    /// <summary>
    /// The key is read from the environment variable the configuration names, here and nowhere else, and handed
    /// straight to the SDK's credential; it is never stored in options, put in a message or logged.
    /// </summary>
    public static OpenAIClient CreateClient(BackendOptions backend)
    {
        var key = backend.ApiKeyVariable.Length == 0 ? null : Environment.GetEnvironmentVariable(backend.ApiKeyVariable);
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(key) ? "no-key" : key), new OpenAIClientOptions
        {
            Endpoint = new Uri(backend.Endpoint),
            NetworkTimeout = TimeSpan.FromSeconds(backend.RequestTimeoutSeconds),
            RetryPolicy = new BackendRetryPolicy(backend.MaxRetries),
        });
    }
}
