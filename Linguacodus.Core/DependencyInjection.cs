using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Linguacodus.Core;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the run pipeline over the baseline engine, the sandbox (behind the execution queue) and the SQLite
    /// store in <paramref name="dataDirectory"/>.
    /// </summary>
    public static IServiceCollection AddLinguacodusCore(this IServiceCollection services, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        services.AddDbContextFactory<LinguacodusDbContext>(o => o.UseSqlite(LinguacodusDbContext.ConnectionString(dataDirectory)).AddInterceptors(new SqliteBusyTimeout()));
        services.AddSingleton<RunStore>();
        services.AddSingleton<BubblewrapSandbox>();
        services.AddSingleton<ExecutionSlots>();
        services.AddSingleton<ICodeSandbox>(sp => new QueuedSandbox(sp.GetRequiredService<BubblewrapSandbox>(), sp.GetRequiredService<ExecutionSlots>()));
        services.AddSingleton(BaselineEngine.Create());
        services.AddSingleton(sp => new RunPipeline(
            sp.GetRequiredService<Engine.SolutionEngine>(),
            sp.GetRequiredService<ICodeSandbox>(),
            sp.GetRequiredService<IOptions<ExecutionOptions>>().Value));
        return services;
    }
}
