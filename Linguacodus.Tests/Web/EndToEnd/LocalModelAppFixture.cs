using Linguacodus.TestSupport;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// The real web app with every role of its LLM engine on a local GGUF model run by LLamaSharp: the tiny generated test
/// model, configured the way an analyst configures a real one. Short answers and one fix keep the run brief.
/// </summary>
public sealed class LocalModelAppFixture : WebAppFixture
{
    private readonly DirectoryInfo _model = Directory.CreateTempSubdirectory("linguacodus-e2e-model-");

    private string ModelPath => Path.Combine(_model.FullName, "tiny.gguf");

    public override Task InitializeAsync()
    {
        TinyLlamaModel.Write(ModelPath);
        return base.InitializeAsync();
    }

    protected override void Configure(IDictionary<string, string?> environment)
    {
        environment["Inference__DefaultBackend"] = "local";
        environment["Inference__Backends__0__Name"] = "local";
        environment["Inference__Backends__0__Kind"] = "LlamaSharp";
        environment["Inference__Backends__0__ModelPath"] = ModelPath;
        environment["Inference__Backends__0__ContextSize"] = "12288";
        environment["Inference__Backends__0__Threads"] = "1";
        environment["Inference__Backends__0__MaxOutputTokens"] = "400";
        environment["Inference__Backends__0__Temperature"] = "0";
        environment["Execution__MaxFixes"] = "1";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _model.Delete(recursive: true);
    }
}
