using Linguacodus.Core.Execution;
using Linguacodus.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Linguacodus.Tests.Infrastructure;

/// <summary>The app's real services (SQLite file, bubblewrap sandbox, baseline engine) over a private data folder.</summary>
internal sealed class TestServices : IDisposable
{
    private readonly bool _ownsDirectory;

    /// <param name="dataDirectory">An existing data folder to reopen (kept on dispose); by default a new one (deleted on dispose).</param>
    public TestServices(Action<ExecutionOptions>? configure = null, string? dataDirectory = null)
    {
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("linguacodus-test-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Linguacodus:DataDirectory"] = DataDirectory })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        WebApp.AddServices(services, configuration);
        if (configure is not null)
        {
            services.PostConfigure(configure);
        }
        Provider = services.BuildServiceProvider();
        Get<Linguacodus.Core.Persistence.RunStore>().MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public string DataDirectory { get; }

    public ServiceProvider Provider { get; }

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    public void Dispose()
    {
        Provider.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
