using Bunit;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Tests.Infrastructure;
using Linguacodus.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Linguacodus.Tests.Web;

/// <summary>
/// The web app's real services (SQLite, baseline engine, RunHost, the repository's examples) inside a bUnit
/// context, over a private data folder that is removed at the end.
/// </summary>
internal sealed class AppServices : IAsyncDisposable
{
    private readonly BunitContext _context;

    private AppServices(BunitContext context, string dataDirectory)
    {
        _context = context;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public RunService Runs => _context.Services.GetRequiredService<RunService>();

    public RunStore Store => _context.Services.GetRequiredService<RunStore>();

    public CaseMemory Memory => _context.Services.GetRequiredService<CaseMemory>();

    public static async Task<AppServices> AddToAsync(BunitContext context)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("linguacodus-web-test-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Linguacodus:DataDirectory"] = dataDirectory,
                ["Linguacodus:ExamplesDirectory"] = Repository.Examples,
            })
            .Build();
        context.Services.AddSingleton<IConfiguration>(configuration);
        context.Services.AddLogging();
        WebApp.AddServices(context.Services, configuration);
        context.Services.AddSingleton<ExampleCatalog>();
        await context.Services.GetRequiredService<RunStore>().MigrateAsync(CancellationToken.None);
        return new AppServices(context, dataDirectory);
    }

    /// <summary>Starts a run of a shipped example and waits until its planning step has finished and saved.</summary>
    public async Task<RunSession> StartExampleAsync(string example)
    {
        var id = await Runs.StartAsync(Repository.Example(example));
        var session = (await Runs.SessionAsync(id))!;
        await WaitUntilIdleAsync(session);
        return session;
    }

    /// <summary>Waits for the run's step to settle; the limit only keeps a broken run from hanging the suite.</summary>
    public static async Task WaitUntilIdleAsync(RunSession session)
    {
        try
        {
            await session.WhenSettledAsync().WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Run {session.Run.Id} is still busy: {session.Run.StatusText} ({session.Run.Message}).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Let background steps finish before the folder they write into goes away.
        foreach (var summary in await Runs.ListAsync())
        {
            if (await Runs.SessionAsync(summary.Id) is { } session)
            {
                session.Stop();
                await WaitUntilIdleAsync(session);
            }
        }
        await _context.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
