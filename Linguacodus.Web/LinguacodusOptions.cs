namespace Linguacodus.Web;

/// <summary>Where the app keeps its data and finds the bundled examples.</summary>
public sealed class LinguacodusOptions
{
    public const string SectionName = "Linguacodus";

    /// <summary>Database and run folders; empty means ~/.local/share/linguacodus, shared by the web app and the command line.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Task folders offered as examples; empty means the repository's examples/ folder.</summary>
    public string ExamplesDirectory { get; set; } = "";

    public string ResolvedDataDirectory => DataDirectory.Length > 0
        ? Path.GetFullPath(DataDirectory)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "linguacodus");

    public string ResolvedExamplesDirectory => ExamplesDirectory.Length > 0
        ? Path.GetFullPath(ExamplesDirectory)
        : FindUp(AppContext.BaseDirectory, "examples") ?? FindUp(Directory.GetCurrentDirectory(), "examples") ?? "examples";

    private static string? FindUp(string start, string name)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
