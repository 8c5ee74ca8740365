using Linguacodus.Core.Persistence;
using Linguacodus.Inference.Configuration;

namespace Linguacodus.Web.Cli;

/// <summary>The services of a verb: the web app's own composition over appsettings.json, the environment and the flags.</summary>
internal static class CliServices
{
    private static readonly string BackendsKey = $"{InferenceOptions.SectionName}:{nameof(InferenceOptions.Backends)}";

    /// <summary>Builds the services with <paramref name="settings"/> as the last configuration layer, and migrates the database.</summary>
    public static async Task<ServiceProvider> BuildAsync(CliSettings settings, CancellationToken cancellationToken)
    {
        var configuration = Compose(Configured(), settings);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        WebApp.AddServices(services, configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            await provider.GetRequiredService<RunStore>().MigrateAsync(cancellationToken);
            return provider;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings of appsettings.json beside the binary and the environment, as the web app reads them.</summary>
    public static IConfiguration Configured() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>The flags' settings over <paramref name="configured"/>.</summary>
    public static IConfiguration Compose(IConfiguration configured, CliSettings settings)
    {
        if (settings.ReplacesBackends)
        {
            // Configuration layers merge list items by index; the configured back ends are left out instead.
            configured = new ConfigurationBuilder()
                .AddInMemoryCollection(configured.AsEnumerable().Where(setting => !IsBackendSetting(setting.Key)))
                .Build();
        }
        return new ConfigurationBuilder().AddConfiguration(configured).AddInMemoryCollection(settings.Values).Build();
    }

    private static bool IsBackendSetting(string key) =>
        key.Equals(BackendsKey, StringComparison.OrdinalIgnoreCase) || key.StartsWith(BackendsKey + ":", StringComparison.OrdinalIgnoreCase);
}
