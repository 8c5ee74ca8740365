using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Data;

/// <summary>One image folder of a task: what its files are and which table column names them.</summary>
/// <param name="Folder">The folder's name in the task folder (train_images).</param>
/// <param name="Files">Files in the folder and its subfolders.</param>
/// <param name="Formats">Formats by magic bytes, most common first, over the headers read.</param>
/// <param name="Shapes">The most common width x height x channels among the PNG and JPEG headers read.</param>
/// <param name="HeadersRead">How many files' headers were read: all of them, or the first <see cref="ImageFolderProfiler.HeaderCap"/>.</param>
/// <param name="Examples">A few file paths relative to the folder.</param>
/// <param name="Unreadable">Files among those read that are no image of a known format, or are damaged or cut short.</param>
/// <param name="UnreadableExamples">A few of them, each "path: why".</param>
/// <param name="Links">The table columns whose values name this folder's files.</param>
public sealed record ImageFolderProfile(
    string Folder,
    int Files,
    IReadOnlyList<ImageFormatCount> Formats,
    IReadOnlyList<ImageShapeCount> Shapes,
    int HeadersRead,
    IReadOnlyList<string> Examples,
    int Unreadable,
    IReadOnlyList<string> UnreadableExamples,
    IReadOnlyList<ImageLink> Links)
{
    /// <summary>The link of the table with a role, or null when no column of it names this folder's files.</summary>
    public ImageLink? LinkOf(FileRole role) => Links.FirstOrDefault(l => l.Role == role);

    /// <summary>The folder in words: "600 files, png 600, 32x32x1".</summary>
    public string Summary =>
        $"{Files:N0} files; {string.Join(", ", Formats.Select(f => $"{f.Format} {f.Count:N0}"))}"
        + (Shapes.Count > 0 ? $"; sizes {string.Join(", ", Shapes.Select(s => s.ToString()))}" : "")
        + (HeadersRead < Files ? $" (of the first {HeadersRead:N0} read)" : "");
}

/// <summary>How many files of one format a folder holds.</summary>
public sealed record ImageFormatCount(string Format, int Count);

/// <summary>How many images share one size and channel count.</summary>
public sealed record ImageShapeCount(int Width, int Height, int Channels, int Count)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Width}x{Height}x{Channels} ({Count:N0})";
}

/// <summary>A table column whose values name image files, with or without the folder and the extension.</summary>
/// <param name="Table">The table's file name (train.csv).</param>
/// <param name="Role">The table's role: the training rows, the rows to predict, or an imputation task's data.</param>
/// <param name="Column">The column naming the files (image_id).</param>
/// <param name="Rows">The table's rows.</param>
/// <param name="Missing">Rows whose value names no file in any image folder.</param>
/// <param name="MissingExamples">A few of those values.</param>
public sealed record ImageLink(string Table, FileRole Role, string Column, long Rows, long Missing, IReadOnlyList<string> MissingExamples)
{
    /// <summary>The first labelled rows' images, for a look at the data; empty for the rows to predict and in profiles stored before.</summary>
    public IReadOnlyList<ImageSample> Samples { get; init; } = [];
}

/// <summary>A training image and its label.</summary>
/// <param name="File">The path inside its folder, '/'-separated, as the folder's listing has it.</param>
/// <param name="Bytes">The file's size, so the page can say when one is too large to show.</param>
public sealed record ImageSample(string File, string Label, long Bytes = 0);
