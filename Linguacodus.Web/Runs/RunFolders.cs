namespace Linguacodus.Web.Runs;

/// <summary>Where runs live on disk: one folder per run id, named by the server, never by a request.</summary>
public sealed class RunFolders(string dataDirectory)
{
    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    public string For(Guid id) => Path.Combine(DataDirectory, "runs", id.ToString("N"));

    /// <summary>A fresh folder for files an analyst uploads before a run exists.</summary>
    public string NewUpload() => Directory.CreateDirectory(Path.Combine(DataDirectory, "uploads", Guid.NewGuid().ToString("N"))).FullName;
}
