using Bunit;
using Linguacodus.Core.Execution;
using Linguacodus.Inference;
using Linguacodus.Tests.Inference;
using Linguacodus.Web;
using Linguacodus.Web.Components.Pages.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Linguacodus.Tests.Web.Components.Pages.Settings;

[Collection(TinyModelFixture.Name)]
public sealed class SettingsPageTests(TinyModelFixture model) : ComponentTest
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("linguacodus-settings-");

    private void AddServices(Dictionary<string, string?> settings)
    {
        settings["Linguacodus:DataDirectory"] = _data.FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Context.Services.AddSingleton<IConfiguration>(configuration);
        Context.Services.AddLogging();
        WebApp.AddServices(Context.Services, configuration);
    }

    [Fact]
    public void Render_NoBackends_SaysTheBaselineEngineIsInCharge()
    {
        AddServices([]);

        var page = Context.Render<SettingsPage>();

        Assert.Equal("baseline", page.Find("[data-testid=settings-engine]").TextContent);
        Assert.NotNull(page.Find("[data-testid=settings-no-models]"));
        // What this host lets the sandbox count: control groups where the app is root and the host has them.
        var counted = page.Find("[data-testid=settings-cgroups]").TextContent;
        Assert.Equal(Context.Services.GetRequiredService<BubblewrapSandbox>().HasControlGroups, counted.Contains("(control groups)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_SlotHeldByAnotherProcess_CountsItAsInUseOnThisMachine()
    {
        AddServices([]);
        // Another process over the same data directory (its own queue object, the same slot files).
        using var other = new ExecutionSlots(Options.Create(new ExecutionOptions { SlotsDirectory = Path.Combine(_data.FullName, "slots") }));
        using var held = await other.EnterAsync("elsewhere", CancellationToken.None);

        var page = Context.Render<SettingsPage>();

        Assert.Equal("1 of 2 execution slots in use on this machine", page.Find("[data-testid=settings-slots-in-use]").TextContent);
    }

    [Fact]
    public async Task Render_LocalModel_ShowsItsStateAndMetadata()
    {
        AddServices(new()
        {
            ["Inference:Backends:0:Name"] = "local",
            ["Inference:Backends:0:ModelPath"] = model.ModelPath,
            ["Inference:Backends:0:ContextSize"] = "1024",
            ["Inference:Backends:0:LoraAdapters:0:Path"] = model.AdapterPath,
        });

        var page = Context.Render<SettingsPage>();
        Assert.StartsWith("llm:local", page.Find("[data-testid=settings-engine]").TextContent);
        // The load itself is awaited; then the page's next render (its refresh after loading) shows state and
        // metadata together. The wait is re-checked on every render; its limit only guards against a hang.
        await Assert.Single(Context.Services.LocalModels()).LoadAsync(CancellationToken.None);

        page.WaitForAssertion(() =>
        {
            Assert.StartsWith("Ready", page.Find("[data-testid=model-state]").TextContent);
            var card = page.Find("[data-testid=model-local]").TextContent;
            Assert.Contains("llama", card);
            Assert.Contains("136,256", card);
            Assert.Contains("F16", card);
            Assert.Contains("from the model file", card);
            Assert.Contains("tiny-lora.gguf × 1", card);
        }, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void Render_RolesOnTwoBackEnds_ShowsEachRolesBackEndAndTheBudgets()
    {
        AddServices(new()
        {
            ["Inference:Backends:0:Name"] = "local",
            ["Inference:Backends:0:ModelPath"] = model.ModelPath,
            ["Inference:Backends:0:ContextSize"] = "1024",
            ["Inference:Backends:1:Name"] = "served",
            ["Inference:Backends:1:Kind"] = "OpenAICompatible",
            ["Inference:Backends:1:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Inference:Backends:1:ModelId"] = "llama-2-13b",
            ["Inference:Roles:Coder"] = "served",
            ["Inference:Budgets:MaxTokensPerStep"] = "2000",
            ["Execution:MaxRunSeconds"] = "1800",
        });

        var page = Context.Render<SettingsPage>();

        Assert.Equal("local · local model tiny.gguf", page.Find("[data-testid=settings-role-instructor] td").TextContent);
        Assert.Contains("served · endpoint http://127.0.0.1:9/v1 (llama-2-13b)", page.Find("[data-testid=settings-role-coder]").TextContent);
        Assert.Contains("2,000", page.Find("[data-testid=settings-roles]").TextContent);
        Assert.Contains("30 min", page.Markup);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }
}
