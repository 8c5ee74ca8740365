namespace Linguacodus.Core.Runs;

/// <summary>
/// Where the web app keeps runs and uploads in its data directory: one folder per run id, named by the server, never
/// by a request. A run made elsewhere (solve --out) keeps the folder the database stores for it.
/// </summary>
public sealed class RunFolders(string dataDirectory)
{
    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    public RunLayout For(Guid id) => new(Path.Combine(DataDirectory, "runs", id.ToString("N")));

    /// <summary>Whether a folder is one of the data directory's own run folders (which deleting a run removes).</summary>
    public bool Owns(RunLayout layout) =>
        Path.GetDirectoryName(layout.Root) == Path.Combine(DataDirectory, "runs");

    /// <summary>A fresh folder for files an analyst uploads before a run exists.</summary>
    public string NewUpload() => Directory.CreateDirectory(Path.Combine(DataDirectory, "uploads", Guid.NewGuid().ToString("N"))).FullName;
}
