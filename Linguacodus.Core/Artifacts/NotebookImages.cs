namespace Linguacodus.Core.Artifacts;

/// <summary>
/// The validation diagnostics a program saved at the top of its sandbox folder (<c>validation_*.png</c>), read for the
/// notebook. The folder is the program's to write, so only what is certainly a picture is taken: a regular file (no
/// link, FIFO or device), below <see cref="MaxBytes"/>, whose first bytes are the PNG signature; at most
/// <see cref="MaxImages"/> of them, and <see cref="MaxTotalBytes"/> in all, so a notebook stays a few MB.
/// </summary>
public static class NotebookImages
{
    /// <summary>What the names of the diagnostics the built-in engine's programs save start with.</summary>
    public const string Prefix = "validation_";

    public const string Pattern = Prefix + "*.png";

    public const long MaxBytes = 2 * 1024 * 1024;

    public const long MaxTotalBytes = 8 * 1024 * 1024;

    public const int MaxImages = 12;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The pictures by name, in name order; none when the folder is missing, a link or unreadable.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Read(string workFolder)
    {
        ArgumentNullException.ThrowIfNull(workFolder);
        var folder = new DirectoryInfo(workFolder);
        var images = new List<(string, byte[])>();
        if (!folder.Exists || folder.LinkTarget is not null)
        {
            return images;
        }
        try
        {
            var total = 0L;
            var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint, MatchCasing = MatchCasing.CaseSensitive };
            foreach (var file in folder.EnumerateFiles(Pattern, options).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (images.Count == MaxImages)
                {
                    break;
                }
                if (Picture(file) is { } bytes && total + bytes.Length <= MaxTotalBytes)
                {
                    images.Add((file.Name, bytes));
                    total += bytes.Length;
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The folder went away or changed while it was read: the notebook goes without its pictures.
        }
        return images;
    }

    private static byte[]? Picture(FileInfo file)
    {
        // A FIFO or device has length 0 and is not opened: opening a FIFO would block.
        if (file.LinkTarget is not null || file.Length is 0 or > MaxBytes
            || (file.Attributes & (FileAttributes.ReparsePoint | FileAttributes.Device | FileAttributes.Directory)) != 0)
        {
            return null;
        }
        var bytes = File.ReadAllBytes(file.FullName);
        return bytes.Length <= MaxBytes && bytes.AsSpan().StartsWith(PngSignature) ? bytes : null;
    }
}
