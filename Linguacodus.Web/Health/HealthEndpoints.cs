using System.Text.Json;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Inference;
using Linguacodus.Inference.LlamaSharp;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linguacodus.Web.Health;

/// <summary>
/// What an operator's probes ask: <c>/healthz</c> answers while the process serves (liveness, no checks), and
/// <c>/readyz</c> whether runs can work here: the database answers, the sandbox passed its self-test, and the local
/// models are loaded (loading is "degraded": the page works and runs wait; a model that failed is "unhealthy").
/// Each answers JSON with every check's status and why; 503 when anything is unhealthy.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/healthz";

    public const string ReadyPath = "/readyz";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void AddReadinessChecks(this IServiceCollection services) => services.AddHealthChecks()
        .AddCheck<DatabaseCheck>("database")
        .AddCheck<SandboxCheck>("sandbox")
        .AddCheck<ModelsCheck>("models");

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        }, Json));
    }

    /// <summary>The database answers a query on the runs table (so it exists and is migrated).</summary>
    private sealed class DatabaseCheck(IDbContextFactory<LinguacodusDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var runs = await db.Runs.CountAsync(cancellationToken);
                return HealthCheckResult.Healthy($"{runs:N0} runs stored");
            }
            catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                return HealthCheckResult.Unhealthy($"the database cannot be read: {error.Message}");
            }
        }
    }

    /// <summary>The sandbox's self-test (run once per process, and again when its settings change).</summary>
    private sealed class SandboxCheck(ICodeSandbox sandbox) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await sandbox.CheckAsync(cancellationToken) is { } refusal
                ? HealthCheckResult.Unhealthy($"generated code will not run: {refusal}")
                : HealthCheckResult.Healthy("the sandbox passed its self-test");
    }

    private sealed class ModelsCheck(IServiceProvider services) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var models = services.LocalModels().ToList();
            var failed = models.Where(m => m.State == LlamaModelState.Failed).ToList();
            var loading = models.Where(m => m.State is LlamaModelState.Loading or LlamaModelState.NotLoaded).ToList();
            return Task.FromResult(
                failed.Count > 0 ? HealthCheckResult.Unhealthy(string.Join("; ", failed.Select(m => $"{m.Options.Name}: {m.Error ?? "failed to load"}")))
                : loading.Count > 0 ? HealthCheckResult.Degraded(string.Join("; ", loading.Select(m => $"{m.Options.Name} loading, {m.Progress:P0}")))
                : HealthCheckResult.Healthy(models.Count == 0 ? "no local model: the baseline engine plans" : $"{models.Count} local model(s) loaded"));
        }
    }
}
