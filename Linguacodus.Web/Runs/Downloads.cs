using Linguacodus.Core.Runs;

namespace Linguacodus.Web.Runs;

/// <summary>
/// Artifacts are served by run id and a fixed name, from inside the run's folder only (the folder the database stores
/// for the run, so runs made by solve are served too): no path comes from the request. Always as attachments, never sniffed, never rendered (a CSV or notebook a program wrote is untrusted).
/// </summary>
public static class Downloads
{
    private static readonly Dictionary<string, (string File, string ContentType)> Artifacts = new()
    {
        ["notebook"] = (RunLayout.NotebookName, "application/x-ipynb+json"),
        ["script"] = (RunLayout.ScriptName, "text/x-python"),
        ["submission"] = (RunLayout.SubmissionName, "text/csv"),
        ["run"] = (RunLayout.DocumentName, "application/json"),
    };

    public static string Url(Guid runId, string artifact) => $"/runs/{runId:N}/download/{artifact}";

    /// <summary>The whole run as one zip (<see cref="RunArchive"/>).</summary>
    public static string ZipUrl(Guid runId) => Url(runId, "zip");

    public static void MapDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/runs/{id:guid}/download/zip", async (Guid id, RunService runs, HttpContext http) =>
        {
            if (await runs.SessionAsync(id) is not { } session || !IsRealFolder(session.Layout))
            {
                return Results.NotFound();
            }
            var (run, folder) = (session.Run, session.Layout);
            SecureHeaders(http);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{RunArchive.FileName(id)}\"";
            // Streamed as it is built: no temporary file, no whole zip in memory.
            return Results.Stream(body => RunArchive.WriteAsync(run, folder, body, http.RequestAborted), "application/zip");
        });

        // Images a program saved, shown inline on the run page (img-src 'self'); only while no program runs, so the
        // file cannot change between the checks and the read.
        app.MapGet("/runs/{id:guid}/plots/{name}", async (Guid id, string name, RunService runs, HttpContext http) =>
        {
            if (await runs.SessionAsync(id) is not { Run.IsActive: false } session || !IsRealFolder(session.Layout))
            {
                return Results.NotFound();
            }
            if (await RunPlots.ReadAsync(session.Layout, name, http.RequestAborted) is not { } image)
            {
                return Results.NotFound();
            }
            SecureHeaders(http);
            return Results.Bytes(image.Bytes, image.ContentType);
        });

        // A settled branch's images, for the candidates' diagnostics side by side.
        app.MapGet("/runs/{id:guid}/branches/{candidate:int}/plots/{name}", async (Guid id, int candidate, string name, RunService runs, HttpContext http) =>
        {
            if (await runs.SessionAsync(id) is not { } session || !IsRealFolder(session.Layout)
                || !session.Run.Branches.Any(b => b.Candidate == candidate && b.Status != BranchStatus.Running)
                || await RunPlots.ReadAsync(session.Layout.Branch(candidate), name, http.RequestAborted) is not { } image)
            {
                return Results.NotFound();
            }
            SecureHeaders(http);
            return Results.Bytes(image.Bytes, image.ContentType);
        });

        // Training images the profile shows with their labels; the task's copy never changes during a run.
        app.MapGet("/runs/{id:guid}/samples/{sample:int}", async (Guid id, int sample, RunService runs, HttpContext http) =>
        {
            if (await runs.SessionAsync(id) is not { } session || !IsRealFolder(session.Layout)
                || await RunSampleImages.ReadAsync(session.Layout, session.Run.Profile, sample, http.RequestAborted) is not { } image)
            {
                return Results.NotFound();
            }
            SecureHeaders(http);
            return Results.Bytes(image.Bytes, image.ContentType);
        });

        MapArtifacts(app);
    }

    /// <summary>The run's folder exists and is no symlink (which could lead anywhere).</summary>
    private static bool IsRealFolder(RunLayout layout) => new DirectoryInfo(layout.Root) is { Exists: true, LinkTarget: null };

    /// <summary>Served bytes are never sniffed, run as a page, or cached: they may hold what a program or a task wrote.</summary>
    internal static void SecureHeaders(HttpContext http)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.CacheControl = "no-store";
    }

    private static void MapArtifacts(IEndpointRouteBuilder app) =>
        app.MapGet("/runs/{id:guid}/download/{artifact}", async (Guid id, string artifact, RunService runs, HttpContext http) =>
        {
            if (!Artifacts.TryGetValue(artifact, out var known) || await runs.LayoutAsync(id) is not { } folder)
            {
                return Results.NotFound();
            }
            var info = new FileInfo(Path.Combine(folder.Root, known.File));
            // A symlink (planted by generated code, or anyone) must not lead outside the run folder: neither the
            // folder nor the file may be one.
            if (!IsRealFolder(folder) || !info.Exists || info.LinkTarget is not null)
            {
                return Results.NotFound();
            }
            SecureHeaders(http);
            // With a download name the response is "Content-Disposition: attachment".
            return Results.File(info.FullName, known.ContentType, $"{id:N}-{known.File}");
        });
}
