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

    public static void MapDownloads(this IEndpointRouteBuilder app) =>
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
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            http.Response.Headers.CacheControl = "no-store";
            // With a download name the response is "Content-Disposition: attachment".
            return Results.File(info.FullName, known.ContentType, $"{id:N}-{known.File}");
        });
}
