using Linguacodus.Core.Data;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Web.Runs;

/// <summary>
/// The labelled training images the profile names (<see cref="ImageLink.Samples"/>), served from the run's own copy of
/// the task by their number: the path is the profile's, checked to stay inside the image folder, and the file must be a
/// real PNG or JPEG within <see cref="RunPlots.MaxBytes"/> (other formats and huge files are not shown).
/// </summary>
public static class RunSampleImages
{
    public static string Url(Guid runId, int sample) => $"/runs/{runId:N}/samples/{sample}";

    /// <summary>Why the page shows a sample's name instead of the image (a format browsers are not sent, a huge file); null when it is shown.</summary>
    public static string? WhyNotShown(ImageSample sample) =>
        !RunPlots.IsShownFormat(sample.File) ? $"{Path.GetExtension(sample.File).TrimStart('.')} file, not shown"
        : sample.Bytes > RunPlots.MaxBytes ? $"{sample.Bytes / (1024 * 1024):N0} MB, too large to show"
        : null;

    public static async Task<(byte[] Bytes, string ContentType)?> ReadAsync(RunLayout run, DataProfile? profile, int sample, CancellationToken cancellationToken)
    {
        if (ImageFolderProfiler.LinkOf(profile?.ImageFolders, FileRole.Train) is not { } train || sample < 0 || sample >= train.Link.Samples.Count)
        {
            return null;
        }
        var folder = Path.GetFullPath(Path.Combine(run.Task, train.Folder.Folder));
        var file = Path.GetFullPath(Path.Combine(folder, train.Link.Samples[sample].File));
        if (!file.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || HasLinkBelow(run.Task, file))
        {
            return null;
        }
        return await RunPlots.ReadImageAsync(new FileInfo(file), cancellationToken);
    }

    /// <summary>Whether a folder between the task folder and the file is a symlink, which could lead outside.</summary>
    private static bool HasLinkBelow(string root, string file)
    {
        for (var folder = Path.GetDirectoryName(file); folder is not null && folder.Length > root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (new DirectoryInfo(folder).LinkTarget is not null)
            {
                return true;
            }
        }
        return new DirectoryInfo(root).LinkTarget is not null;
    }
}
