using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Linguacodus.Core;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the run service and its pipeline over the baseline engine, the sandbox (behind the execution queue,
    /// whose slots are in <paramref name="dataDirectory"/> unless configured), and the SQLite store and run folders in
    /// <paramref name="dataDirectory"/>. The run service is also a hosted
    /// service: a host recovers interrupted runs at start and lets working steps save at shutdown.
    /// </summary>
    public static IServiceCollection AddLinguacodusCore(this IServiceCollection services, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        services.AddDbContextFactory<LinguacodusDbContext>(o => o.UseSqlite(LinguacodusDbContext.ConnectionString(dataDirectory)).AddInterceptors(new SqliteBusyTimeout()));
        services.AddSingleton<RunStore>();
        services.AddSingleton(new RunFolders(dataDirectory));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RunService>();
        services.AddHostedService(sp => sp.GetRequiredService<RunService>());
        services.AddSingleton<BubblewrapSandbox>();
        services.PostConfigure<ExecutionOptions>(o => o.SlotsDirectory = o.SlotsDirectory.Length > 0 ? o.SlotsDirectory : Path.Combine(dataDirectory, "slots"));
        services.AddSingleton<ExecutionSlots>();
        services.AddSingleton<ICodeSandbox>(sp => new QueuedSandbox(sp.GetRequiredService<BubblewrapSandbox>(), sp.GetRequiredService<ExecutionSlots>()));
        services.AddSingleton(BaselineEngine.Create());
        services.AddOptions<MemoryOptions>();
        services.AddSingleton<CaseMemory>();
        services.AddSingleton(sp => new RunPipeline(
            sp.GetRequiredService<Engine.SolutionEngine>(),
            sp.GetRequiredService<ICodeSandbox>(),
            sp.GetRequiredService<IOptions<ExecutionOptions>>().Value,
            sp.GetRequiredService<CaseMemory>()));
        return services;
    }
}
