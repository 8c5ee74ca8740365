using System.Text;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>
/// Decides the name an uploaded file is stored under. The browser's name is never used as a path: the task's
/// own files get their canonical names, other CSV files keep a sanitised name, and anything else is refused.
/// </summary>
internal static class UploadFileName
{
    /// <summary>Long enough for any real file name, short enough for every file system.</summary>
    public const int MaxStemLength = 100;

    private static readonly string[] Canonical = [TaskFolder.TrainFileName, TaskFolder.TestFileName, TaskFolder.SampleSubmissionFileName];

    /// <summary>The name to save under, or null with the reason the file is refused.</summary>
    public static (string? Name, string? Problem) Resolve(string? browserName)
    {
        // Browsers send a bare name, but a hand-made request could send a path in either style.
        var name = (browserName ?? "").Replace('\\', '/').Split('/')[^1].Trim();
        if (name.Length == 0)
        {
            return (null, "A file without a name was skipped.");
        }
        if (!TaskLayout.IsTable(name))
        {
            return (null, $"'{name}' is not a CSV file; only .csv files are accepted (train.csv, test.csv, sample_submission.csv and other data tables).");
        }
        if (Canonical.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } canonical)
        {
            return (canonical, null);
        }
        var stem = Sanitise(name[..^4]).Trim('.');
        stem = stem[..Math.Min(stem.Length, MaxStemLength)];
        return stem.Length == 0
            ? (null, $"'{name}' has no usable name; rename it to letters, digits, '_', '-' or '.' and upload it again.")
            : (stem + ".csv", null);
    }

    /// <summary>The name to save an image file under (sanitised, its extension kept), or null with the reason.</summary>
    public static (string? Name, string? Problem) ResolveImage(string? browserName)
    {
        var name = (browserName ?? "").Replace('\\', '/').Split('/')[^1].Trim();
        var extension = Path.GetExtension(name);
        var stem = Sanitise(name[..^extension.Length]).Trim('.');
        stem = stem[..Math.Min(stem.Length, MaxStemLength)];
        return stem.Length == 0 || !TaskLayout.ImageExtensions.Contains(extension)
            ? (null, $"'{name}' has no usable image name; rename it to letters, digits, '_', '-' or '.' and upload it again.")
            : (stem + extension, null);
    }

    /// <summary>One folder name of a path: sanitised and cut to length; empty for a segment of dots only, which would name a parent folder.</summary>
    public static string SanitiseSegment(string segment)
    {
        var name = Sanitise(segment);
        return name.Trim('.').Length == 0 ? "" : name[..Math.Min(name.Length, MaxStemLength)];
    }

    /// <summary>Letters, digits, '_', '-' and '.' kept; anything else becomes '_'.</summary>
    internal static string Sanitise(string stem)
    {
        var text = new StringBuilder(stem.Length);
        foreach (var c in stem)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
        }
        return text.ToString();
    }
}
