using Linguacodus.Core.Tasks;
using Linguacodus.Web.Components.Pages.NewTask;

namespace Linguacodus.Web.Intake;

/// <summary>Image files chosen one by one or in a folder pick.</summary>
public sealed partial class TaskIntake
{
    /// <summary>
    /// The folder loose images are kept in. The browser hands over bare file names (a folder pick's subfolders are
    /// not passed on), so train and test images share it; the tables' columns tell them apart.
    /// </summary>
    public const string ImageFolder = "images";

    private const int ShownImageProblems = 5;

    private static (List<IntakeFile> Images, List<IntakeFile> Others) SplitImages(IReadOnlyList<IntakeFile> files)
    {
        var images = files.Where(f => TaskLayout.ImageExtensions.Contains(Path.GetExtension(f.Name))).ToList();
        return (images, [.. files.Except(images)]);
    }

    /// <summary>Streams each image into images/, checked by its magic bytes; false when a limit refuses the whole choice.</summary>
    private async Task<bool> TakeImagesAsync(string directory, List<IntakeFile> images, IntakeResult result, IProgress<IntakeProgress>? progress, CancellationToken cancellationToken)
    {
        if (images.Count == 0)
        {
            return true;
        }
        var folder = Directory.CreateDirectory(Path.Combine(directory, ImageFolder)).FullName;
        var held = Directory.EnumerateFiles(folder).Select(f => new FileInfo(f)).ToList();
        if (held.Count + images.Count > limits.MaxArchiveEntries || held.Sum(f => f.Length) + images.Sum(f => f.Size) > limits.MaxArchiveBytes)
        {
            result.Problems.Add($"{images.Count:N0} image files were chosen; a task may hold at most {limits.MaxArchiveEntries:N0} images and {limits.MaxArchiveMegabytes:N0} MB of them.");
            return false;
        }
        var refused = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in images)
        {
            var (name, problem) = UploadFileName.ResolveImage(file.Name);
            if (name is null || !taken.Add(name))
            {
                refused.Add(problem ?? $"a second {file.Name} (a folder pick keeps bare names; zip the task to keep its folders)");
                continue;
            }
            var partial = Path.Combine(folder, name + ".part");
            try
            {
                await using (var source = file.OpenRead(limits.MaxFileBytes, cancellationToken))
                await using (var destination = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true))
                {
                    var sniffer = new ImageSniffer(file.Name);
                    problem = await CopyAsync(file, source, destination, limits.MaxFileBytes, sniffer, progress, cancellationToken) ?? sniffer.Finish();
                }
                if (problem is null)
                {
                    File.Move(partial, Path.Combine(folder, name), overwrite: true);
                    continue;
                }
                File.Delete(partial);
                refused.Add(problem);
            }
            catch (Exception error) when (IsReadFailure(error, cancellationToken))
            {
                File.Delete(partial);
                refused.Add($"'{file.Name}' could not be uploaded: {error.Message}");
            }
        }
        var kept = images.Count - refused.Count;
        if (kept > 0)
        {
            result.Notes.Add($"{kept:N0} image files were kept in {ImageFolder}/.");
        }
        if (refused.Count > 0)
        {
            result.Problems.Add($"{refused.Count:N0} image file(s) were not kept: {string.Join("; ", refused.Take(ShownImageProblems))}"
                + (refused.Count > ShownImageProblems ? $"; and {refused.Count - ShownImageProblems:N0} more." : "."));
        }
        return true;
    }
}
