namespace Linguacodus.Core.Data;

/// <summary>
/// The files of one image folder by every name a table may use for them: the path inside the folder, with or without
/// the extension, the bare file name or stem, each optionally after the folder's own name. The generated Python
/// (<see cref="Engine.Baseline.ImageCode"/>) looks names up the same way.
/// </summary>
internal sealed class ImageFileIndex
{
    private readonly Dictionary<string, string> _byKey = new(StringComparer.Ordinal);

    public ImageFileIndex(string folder, string path)
    {
        Folder = folder;
        Root = path;
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden,
        };
        Files = [.. Directory.EnumerateFiles(path, "*", options)
            .Select(f => Path.GetRelativePath(path, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
        foreach (var relative in Files)
        {
            foreach (var key in KeysOf(relative))
            {
                _byKey.TryAdd(key, relative);
            }
        }
    }

    /// <summary>The folder's name in the task folder.</summary>
    public string Folder { get; }

    public string Root { get; }

    /// <summary>Paths relative to the folder, '/'-separated, in ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The file a table value names, relative to the folder, or null.</summary>
    public string? Find(string value)
    {
        var key = value.Trim().Replace('\\', '/');
        key = key.StartsWith("./", StringComparison.Ordinal) ? key[2..] : key;
        key = key.StartsWith(Folder + "/", StringComparison.Ordinal) ? key[(Folder.Length + 1)..] : key;
        return key.Length > 0 && _byKey.TryGetValue(key, out var relative) ? relative : null;
    }

    private static IEnumerable<string> KeysOf(string relative)
    {
        var name = Path.GetFileName(relative);
        yield return relative;
        yield return StripExtension(relative);
        yield return name;
        yield return StripExtension(name);
    }

    private static string StripExtension(string path)
    {
        var dot = path.LastIndexOf('.');
        // As Python's os.path.splitext: a dot that starts the file name is no extension.
        return dot > path.LastIndexOf('/') + 1 ? path[..dot] : path;
    }
}
