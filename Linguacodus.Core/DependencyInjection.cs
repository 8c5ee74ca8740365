using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Linguacodus.Core;

public static class DependencyInjection
{
    /// <summary>Registers the run pipeline over the baseline engine, the sandbox and the SQLite store in <paramref name="dataDirectory"/>.</summary>
    public static IServiceCollection AddLinguacodusCore(this IServiceCollection services, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var database = Path.Combine(dataDirectory, "linguacodus.db");
        services.AddDbContextFactory<LinguacodusDbContext>(o => o.UseSqlite($"Data Source={database};Default Timeout=30"));
        services.AddSingleton<RunStore>();
        services.AddSingleton<ICodeSandbox, BubblewrapSandbox>();
        services.AddSingleton(BaselineEngine.Create());
        services.AddSingleton(sp => new RunPipeline(
            sp.GetRequiredService<Engine.SolutionEngine>(),
            sp.GetRequiredService<ICodeSandbox>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExecutionOptions>>().Value));
        return services;
    }
}
