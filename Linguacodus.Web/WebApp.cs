using Linguacodus.Core;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Inference;
using Linguacodus.Web.Components;
using Linguacodus.Web.Components.Pages.NewTask;
using Linguacodus.Web.Health;
using Linguacodus.Web.Memory;
using Linguacodus.Web.Runs;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Linguacodus.Web;

/// <summary>The composition root of the web app.</summary>
public static class WebApp
{
    /// <summary>Loopback only by default: the app runs generated code and is meant for one analyst's machine or a proxy.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args)
    {
        // Settings and assets come from the binary's folder, wherever the app is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (builder.Configuration["urls"] is null)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        // Serve MudBlazor's and Monaco's files from the build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        AddServices(builder.Services, builder.Configuration);
        // A folder pick sends every chosen file's name and size in one message: about 120 bytes a file, so the
        // default 32 KB cut a folder of a few hundred images off, silently. 16 MB covers the 100,000 images allowed.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 16 * 1024 * 1024);
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<ExampleCatalog>();
        builder.Services.AddReadinessChecks();

        var app = builder.Build();
        // Before the run service (a hosted service) marks the runs a crash or kill -9 cut short as interrupted.
        app.Services.GetRequiredService<RunStore>().MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        SelfTestInBackground(app);
        // Models load in the background: the app is usable at once and the model page shows the progress.
        foreach (var model in app.Services.LocalModels())
        {
            model.BeginLoading();
        }
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAntiforgery();
        app.MapStaticAssets();
        // The full policy, frame-ancestors 'none' included, comes from SecurityHeaders.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapDownloads();
        app.MapHealth();
        app.MapMemory();
        return app;
    }

    /// <summary>
    /// The sandbox's self-test (network really off, system read-only, not root) runs once at start-up, so an
    /// operator sees at once in the log whether generated code can run; runs are refused with the same message.
    /// </summary>
    private static void SelfTestInBackground(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Linguacodus.Sandbox");
        _ = Task.Run(async () =>
        {
            try
            {
                if (await app.Services.GetRequiredService<ICodeSandbox>().CheckAsync(app.Lifetime.ApplicationStopping) is { } refusal)
                {
                    logger.LogError("Generated code will not run: {Refusal}", refusal);
                }
                else
                {
                    logger.LogInformation("The sandbox passed its self-test");
                }
            }
            catch (OperationCanceledException)
            {
                // The app stopped first.
            }
        });
    }

    /// <summary>Services shared by the web app and the command line.</summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExecutionOptions>().BindConfiguration(ExecutionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LinguacodusOptions>().BindConfiguration(LinguacodusOptions.SectionName);
        services.AddOptions<Core.Memory.MemoryOptions>().BindConfiguration(Core.Memory.MemoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadLimits>().BindConfiguration(UploadLimits.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(LinguacodusOptions.SectionName).Get<LinguacodusOptions>() ?? new LinguacodusOptions();
        services.AddLinguacodusCore(options.ResolvedDataDirectory);
        services.AddLinguacodusInference(configuration);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LinguacodusOptions>>().Value);
    }
}
