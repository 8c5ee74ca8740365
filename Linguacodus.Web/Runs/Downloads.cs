namespace Linguacodus.Web.Runs;

/// <summary>Artifacts are served by run id and a fixed name, from inside the run's folder only: no path comes from the request.</summary>
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
            var path = Path.Combine(folders.For(id), known.File);
            var info = new FileInfo(path);
            // A symlink planted by generated code must not lead outside the run folder.
            if (!info.Exists || info.LinkTarget is not null)
            {
                return Results.NotFound();
            }
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(path, known.ContentType, $"{id:N}-{known.File}");
        });
}
