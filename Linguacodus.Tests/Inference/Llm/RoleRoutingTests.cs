using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Inference.Configuration;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Linguacodus.Tests.Inference.Llm.LoopbackChatServer;

namespace Linguacodus.Tests.Inference.Llm;

/// <summary>Roles routed to back ends by configuration, prompt overrides, budgets, and the checks made at start-up.</summary>
public sealed class RoleRoutingTests : IDisposable
{
    private readonly DirectoryInfo _prompts = Directory.CreateTempSubdirectory("linguacodus-prompts-");

    private static Dictionary<string, string?> TwoEndpoints(string endpoint)
    {
        var settings = RemoteBackend.Settings(endpoint);
        settings["Inference:Backends:1:Name"] = "strong";
        settings["Inference:Backends:1:Kind"] = "OpenAICompatible";
        settings["Inference:Backends:1:Endpoint"] = endpoint;
        settings["Inference:Backends:1:ModelId"] = "big-model";
        settings["Inference:Roles:Researcher"] = "strong";
        settings["Inference:Roles:Resolver"] = "strong";
        return settings;
    }

    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings)
    {
        using var backend = new RemoteBackend(settings);
        var error = Assert.Throws<OptionsValidationException>(() => backend.Provider.GetRequiredService<IOptions<InferenceOptions>>().Value);
        return [.. error.Failures];
    }

    [Fact]
    public async Task Engine_RolesOnTwoBackEnds_SendsEachRoleToItsModel()
    {
        await using var server = await StartAsync(r => Reply.Stream(r.Prompt.Contains("You resolve a review", StringComparison.Ordinal) ? "verdict.sse" : "critique.sse"));
        using var backend = new RemoteBackend(TwoEndpoints(server.Endpoint));
        var engine = backend.Provider.GetRequiredService<SolutionEngine>();
        var folder = Linguacodus.Core.Tasks.TaskFolder.Load(Repository.Example("co2-forecast"));
        var profile = DataProfiler.Profile(folder);

        await engine.Judge.JudgeAsync(folder.Task, profile, ["a", "b", "c"], [], _ => { }, CancellationToken.None);
        await foreach (var _ in engine.Coder.WriteStageAsync(new CodeRequest(folder, profile, "a", new Dictionary<CodeStage, string>()), CodeStage.Preprocessing, CancellationToken.None))
        {
        }

        Assert.Equal("llm:instructor=remote, researcher=strong, resolver=strong, coder=remote", engine.Name);
        Assert.Equal(["big-model", "big-model", "qwen2.5-coder-7b-instruct"], server.Requests.Select(r => r.Model));
    }

    [Fact]
    public async Task Engine_PromptOverride_ReplacesTheResearcherPrompt()
    {
        await File.WriteAllTextAsync(Path.Combine(_prompts.FullName, "researcher-prompt.md"), "Be harsh about {{title}}.\n{{options}}");
        await using var server = await StartAsync(r => Reply.Stream(r.Number == 1 ? "critique.sse" : "verdict.sse"));
        var settings = RemoteBackend.Settings(server.Endpoint);
        settings["Inference:PromptOverrides"] = _prompts.FullName;
        using var backend = new RemoteBackend(settings);
        var folder = Linguacodus.Core.Tasks.TaskFolder.Load(Repository.Example("co2-forecast"));

        await backend.Provider.GetRequiredService<SolutionEngine>().Judge.JudgeAsync(folder.Task, DataProfiler.Profile(folder), ["a", "b", "c"], [], _ => { }, CancellationToken.None);

        Assert.StartsWith("Be harsh about Mauna Loa Monthly CO2 Forecast.\nOption 1:\na", server.Requests.First().Prompt);
    }

    [Fact]
    public void Engine_NoBackEnds_StaysBaseline()
    {
        using var services = new TestServices();

        Assert.Equal(BaselineEngine.Name, services.Get<SolutionEngine>().Name);
    }

    [Fact]
    public void Validate_RoleNamesAnUnknownBackEnd_SaysWhich()
    {
        var settings = RemoteBackend.Settings("http://127.0.0.1:9/v1");
        settings["Inference:Roles:Coder"] = "gpt";

        Assert.Contains("Inference:Roles:Coder 'gpt' is not among the back ends (remote).", Problems(settings));
    }

    [Fact]
    public void Validate_BadPromptOverridesAndBudget_SaysWhat()
    {
        var settings = RemoteBackend.Settings("http://127.0.0.1:9/v1");
        settings["Inference:PromptOverrides"] = Path.Combine(_prompts.FullName, "missing");
        settings["Inference:Budgets:MaxTokensPerStep"] = "-5";

        var problems = Problems(settings);

        Assert.Contains(problems, p => p.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Inference:Budgets: The field MaxTokensPerStep", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ApiKeyVariableNotSet_NamesTheVariableOnly()
    {
        var settings = RemoteBackend.Settings("http://127.0.0.1:9/v1", apiKeyVariable: "LINGUACODUS_UNSET_KEY_VARIABLE");

        Assert.Contains(Problems(settings), p => p.Contains("'LINGUACODUS_UNSET_KEY_VARIABLE', which is not set", StringComparison.Ordinal));
    }

    public void Dispose() => _prompts.Delete(recursive: true);
}
