using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;
using Linguacodus.Inference.Configuration;
using Linguacodus.TestSupport;
using Linguacodus.Web.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Linguacodus.Tests.Web.Cli;

/// <summary>A verb's flags reach the services as configuration, composed per build, never by changing shared options.</summary>
public sealed class CliServicesTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("linguacodus-cli-services-");

    private string Data => Path.Combine(_scratch.FullName, "data");

    [Fact]
    public async Task BuildAsync_BudgetFlags_ApplyToThatBuildOnly()
    {
        await using var flagged = await CliServices.BuildAsync(new CliSettings().DataDirectory(Data).MaxFixes(0).MaxRunSeconds(5), CancellationToken.None);
        await using var plain = await CliServices.BuildAsync(new CliSettings().DataDirectory(Data), CancellationToken.None);

        var withFlags = flagged.GetRequiredService<IOptions<ExecutionOptions>>().Value;
        var configured = plain.GetRequiredService<IOptions<ExecutionOptions>>().Value;
        Assert.NotSame(withFlags, configured);
        Assert.Equal((0, 5), (withFlags.MaxFixes, withFlags.MaxRunSeconds));
        Assert.Equal((new ExecutionOptions().MaxFixes, new ExecutionOptions().MaxRunSeconds), (configured.MaxFixes, configured.MaxRunSeconds));
    }

    [Fact]
    public async Task BuildAsync_LocalModel_IsTheOnlyBackEndAndTheEngineRunsOnIt()
    {
        var model = Path.Combine(_scratch.FullName, "tiny.gguf");
        TinyLlamaModel.Write(model);

        await using var services = await CliServices.BuildAsync(
            new CliSettings().DataDirectory(Data).LocalModel(model, contextSize: 2_048, threads: 1).MaxTokensPerStep(16), CancellationToken.None);

        var inference = services.GetRequiredService<IOptions<InferenceOptions>>().Value;
        var backend = Assert.Single(inference.Backends);
        Assert.Equal((CliSettings.LocalBackendName, model, 2_048, 1), (backend.Name, backend.ModelPath, backend.ContextSize, backend.Threads));
        Assert.Equal(16, inference.Budgets.MaxTokensPerStep);
        Assert.StartsWith("llm:local", services.GetRequiredService<SolutionEngine>().Name);
    }

    [Fact]
    public void Compose_LocalModel_ReplacesTheConfiguredBackEndsAndRoles()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inference:DefaultBackend"] = "remote",
            ["Inference:Backends:0:Name"] = "remote",
            ["Inference:Backends:0:Kind"] = "OpenAICompatible",
            ["Inference:Backends:0:Endpoint"] = "http://localhost:8000/v1",
            ["Inference:Backends:0:ApiKeyVariable"] = "REMOTE_KEY",
            ["Inference:Backends:1:Name"] = "coder",
            ["Inference:Roles:Coder"] = "coder",
            ["Execution:MaxFixes"] = "2",
        }).Build();

        var composed = CliServices.Compose(configured, new CliSettings().LocalModel("/models/a.gguf", 4_096, 0))
            .GetSection(InferenceOptions.SectionName).Get<InferenceOptions>()!;

        var backend = Assert.Single(composed.Backends);
        Assert.Equal(("local", BackendKind.LlamaSharp, "/models/a.gguf", "", ""), (backend.Name, backend.Kind, backend.ModelPath, backend.Endpoint, backend.ApiKeyVariable));
        Assert.Equal(("local", ""), (composed.DefaultBackend, composed.Roles.Coder));
        Assert.Equal("2", CliServices.Compose(configured, new CliSettings()).GetValue<string>("Execution:MaxFixes"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _scratch.Delete(recursive: true);
    }
}
