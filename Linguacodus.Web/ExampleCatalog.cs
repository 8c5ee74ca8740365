using Linguacodus.Core.Tasks;

namespace Linguacodus.Web;

/// <summary>The example task folders shipped with the app (folders holding a task.json).</summary>
public sealed class ExampleCatalog(LinguacodusOptions options)
{
    public IReadOnlyList<(string Name, TaskFolder Folder)> List()
    {
        var root = options.ResolvedExamplesDirectory;
        if (!Directory.Exists(root))
        {
            return [];
        }
        return [.. Directory.EnumerateDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, "task.json")))
            .Order()
            .Select(d => (Path.GetFileName(d), TaskFolder.Load(d)))];
    }
}
