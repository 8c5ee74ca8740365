using Linguacodus.Core.Tasks;
using Linguacodus.Web.Components.Pages.NewTask;

namespace Linguacodus.Web.Intake;

/// <summary>Image files chosen one by one or in a folder pick.</summary>
public sealed partial class TaskIntake
{
    /// <summary>
    /// The folder loose images are kept in: those chosen one by one, and a folder pick's images at its top. Images in
    /// a chosen folder's subfolders (train_images/, test_images/) keep those folders.
    /// </summary>
    public const string ImageFolder = "images";

    private const int ShownImageProblems = 5;

    private static (List<IntakeFile> Images, List<IntakeFile> Others) SplitImages(IReadOnlyList<IntakeFile> files)
    {
        var images = files.Where(f => TaskLayout.ImageExtensions.Contains(Path.GetExtension(f.Name))).ToList();
        return (images, [.. files.Except(images)]);
    }

    /// <summary>Streams each image into its folder (images/ unless it came with one), checked by its magic bytes; false when a limit refuses the whole choice.</summary>
    private async Task<bool> TakeImagesAsync(string directory, List<IntakeFile> images, IntakeResult result, IProgress<IntakeProgress>? progress, CancellationToken cancellationToken)
    {
        if (images.Count == 0)
        {
            return true;
        }
        var folders = images.Select(f => f.Folder ?? ImageFolder).Distinct(StringComparer.Ordinal).ToList();
        var held = folders.Select(f => Path.Combine(directory, f)).Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories)).Select(f => new FileInfo(f)).ToList();
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
            var target = $"{file.Folder ?? ImageFolder}/{name}";
            if (name is null || !taken.Add(target))
            {
                refused.Add(problem ?? $"a second {target}");
                continue;
            }
            var folder = Path.Combine(directory, file.Folder ?? ImageFolder);
            var partial = Path.Combine(folder, name + ".part");
            try
            {
                // An IOException here (a file where the folder should be) refuses this image, not the whole choice.
                Directory.CreateDirectory(folder);
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
                if (File.Exists(partial))
                {
                    File.Delete(partial);
                }
                refused.Add($"'{file.Name}' could not be uploaded: {error.Message}");
            }
        }
        var kept = images.Count - refused.Count;
        if (kept > 0)
        {
            result.Notes.Add($"{kept:N0} image files were kept in {string.Join(", ", folders.Order(StringComparer.Ordinal).Select(f => f + "/"))}.");
        }
        if (refused.Count > 0)
        {
            result.Problems.Add($"{refused.Count:N0} image file(s) were not kept: {string.Join("; ", refused.Take(ShownImageProblems))}"
                + (refused.Count > ShownImageProblems ? $"; and {refused.Count - ShownImageProblems:N0} more." : "."));
        }
        return true;
    }
}
