using Linguacodus.Core.Runs;

namespace Linguacodus.Web.Runs;

/// <summary>
/// Images a program saved at the top of its sandbox folder (work/), shown under the execution log. Only PNG and
/// JPEG: an SVG can carry script. A name is served only if it is one of the listed ones; the file must be a regular,
/// non-empty file below <see cref="MaxBytes"/> whose first bytes really are a PNG or JPEG signature.
/// </summary>
public static class RunPlots
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Enough for any sensible analysis; a program that writes thousands of images shows the first ones.</summary>
    public const int MaxListed = 24;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
    };

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];

    public static string Url(Guid runId, string name, int version) =>
        $"/runs/{runId:N}/plots/{Uri.EscapeDataString(name)}?v={version}";

    /// <summary>An image a compared candidate's program saved in its branch's folder.</summary>
    public static string BranchUrl(Guid runId, int candidate, string name) =>
        $"/runs/{runId:N}/branches/{candidate}/plots/{Uri.EscapeDataString(name)}";

    /// <summary>The image files in the run's work/ folder, by name; nothing when the folder is missing or a link.</summary>
    public static IReadOnlyList<string> List(RunLayout run)
    {
        var work = new DirectoryInfo(run.Work);
        if (!work.Exists || work.LinkTarget is not null)
        {
            return [];
        }
        try
        {
            return work.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
                .Where(f => ContentTypes.ContainsKey(f.Extension) && IsSafeName(f.Name) && SafeFile.IsRegular(f) && f.Length <= MaxBytes)
                .Select(f => f.Name)
                .Order(StringComparer.Ordinal)
                .Take(MaxListed)
                .ToList();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The bytes and content type of a listed image, or null when the name is not one of them or the file is not a real image.</summary>
    public static async Task<(byte[] Bytes, string ContentType)?> ReadAsync(RunLayout run, string name, CancellationToken cancellationToken)
    {
        // The name must be one the listing produced, compared exactly; it is never combined into a path before that.
        if (!List(run).Contains(name, StringComparer.Ordinal))
        {
            return null;
        }
        return await ReadImageAsync(new FileInfo(Path.Combine(run.Work, name)), cancellationToken);
    }

    /// <summary>
    /// A file's bytes and content type when it is a regular, non-empty PNG or JPEG file (by extension and by its first
    /// bytes) below <see cref="MaxBytes"/>; else null.
    /// </summary>
    public static async Task<(byte[] Bytes, string ContentType)?> ReadImageAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!ContentTypes.TryGetValue(file.Extension, out var contentType) || !SafeFile.IsRegular(file) || file.Length > MaxBytes)
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var signature = contentType == "image/png" ? PngSignature : JpegSignature;
        return bytes.Length <= MaxBytes && bytes.AsSpan().StartsWith(signature) ? (bytes, contentType) : null;
    }

    /// <summary>Whether a file's extension is one of the formats served (PNG, JPEG).</summary>
    public static bool IsShownFormat(string name) => ContentTypes.ContainsKey(Path.GetExtension(name));

    /// <summary>Plain names only: letters, digits, dot, dash, underscore, space; no leading dot.</summary>
    internal static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 128 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ' ');
}
