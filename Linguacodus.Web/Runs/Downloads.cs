namespace Linguacodus.Web.Runs;

/// <summary>
/// Artifacts are served by run id and a fixed name, from inside the run's folder only: no path comes from the
/// request. Always as attachments, never sniffed, never rendered (a CSV or notebook a program wrote is untrusted).
/// </summary>
public static class Downloads
{
    private static readonly Dictionary<string, (string File, string ContentType)> Artifacts = new()
    {
        ["notebook"] = ("solution.ipynb", "application/x-ipynb+json"),
        ["script"] = ("solution.py", "text/x-python"),
        ["submission"] = ("submission.csv", "text/csv"),
        ["run"] = ("run.json", "application/json"),
    };

    public static string Url(Guid runId, string artifact) => $"/runs/{runId:N}/download/{artifact}";

    /// <summary>The whole run as one zip (<see cref="RunArchive"/>).</summary>
    public static string ZipUrl(Guid runId) => Url(runId, "zip");

    public static void MapDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/runs/{id:guid}/download/zip", async (Guid id, RunHost runs, RunFolders folders, HttpContext http) =>
        {
            var folder = new DirectoryInfo(folders.For(id));
            if (!folder.Exists || folder.LinkTarget is not null || await runs.GetAsync(id) is not { } run)
            {
                return Results.NotFound();
            }
            SecureHeaders(http);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{RunArchive.FileName(id)}\"";
            // Streamed as it is built: no temporary file, no whole zip in memory.
            return Results.Stream(body => RunArchive.WriteAsync(run, folder.FullName, body, http.RequestAborted), "application/zip");
        });

        // Images a program saved, shown inline on the run page (img-src 'self'); only while no program runs, so the
        // file cannot change between the checks and the read.
        app.MapGet("/runs/{id:guid}/plots/{name}", async (Guid id, string name, RunHost runs, RunFolders folders, HttpContext http) =>
        {
            var folder = new DirectoryInfo(folders.For(id));
            if (!folder.Exists || folder.LinkTarget is not null || await runs.GetAsync(id) is not { IsActive: false })
            {
                return Results.NotFound();
            }
            if (await RunPlots.ReadAsync(folder.FullName, name, http.RequestAborted) is not { } image)
            {
                return Results.NotFound();
            }
            SecureHeaders(http);
            return Results.Bytes(image.Bytes, image.ContentType);
        });

        MapArtifacts(app);
    }

    private static void SecureHeaders(HttpContext http)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.CacheControl = "no-store";
    }

    private static void MapArtifacts(IEndpointRouteBuilder app) =>
        app.MapGet("/runs/{id:guid}/download/{artifact}", (Guid id, string artifact, RunFolders folders, HttpContext http) =>
        {
            if (!Artifacts.TryGetValue(artifact, out var known))
            {
                return Results.NotFound();
            }
            var folder = new DirectoryInfo(folders.For(id));
            var info = new FileInfo(Path.Combine(folder.FullName, known.File));
            // A symlink (planted by generated code, or anyone) must not lead outside the run folder: neither the
            // folder nor the file may be one.
            if (!folder.Exists || folder.LinkTarget is not null || !info.Exists || info.LinkTarget is not null)
            {
                return Results.NotFound();
            }
            SecureHeaders(http);
            // With a download name the response is "Content-Disposition: attachment".
            return Results.File(info.FullName, known.ContentType, $"{id:N}-{known.File}");
        });
}
