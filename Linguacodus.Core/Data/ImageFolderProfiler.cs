using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Data;

/// <summary>Profiles a task's image folders: counts, formats and sizes from the file headers, and the table columns naming the files.</summary>
public static class ImageFolderProfiler
{
    /// <summary>Headers read per folder; past this the folder's files are counted, not opened.</summary>
    public const int HeaderCap = 20_000;

    // A column names the files when most of its first values do.
    private const int SampleRows = 200;
    private const int ExampleCount = 5;

    /// <summary>Training images shown with their labels on the data panel.</summary>
    public const int SampleCount = 12;

    /// <summary>Profiles every image folder of the task (none: an empty list).</summary>
    /// <param name="target">The column whose values label the training images shown as samples.</param>
    public static IReadOnlyList<ImageFolderProfile> Profile(TaskFolder folder, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var indexes = folder.Layout.ImageFolders.Select(f => new ImageFileIndex(f.Name, folder.Layout.PathOf(f))).ToList();
        if (indexes.Count == 0)
        {
            return [];
        }

        var tables = new[] { folder.Layout.Train, folder.Layout.Test, folder.Layout.Data }.OfType<TaskFile>();
        var links = tables.Select(t => Link(folder.Layout.PathOf(t), t.Role, indexes, target)).OfType<(ImageFileIndex Folder, ImageLink Link)>().ToList();
        return [.. indexes.Select(index => Describe(index, [.. links.Where(l => l.Folder == index).Select(l => l.Link)]))];
    }

    /// <summary>The link of the table with a role, and the folder whose files it names.</summary>
    public static (ImageFolderProfile Folder, ImageLink Link)? LinkOf(IReadOnlyList<ImageFolderProfile>? folders, FileRole role) =>
        (folders ?? []).Select(f => (Folder: f, Link: f.LinkOf(role))).FirstOrDefault(p => p.Link is not null) is { Link: { } link } found
            ? (found.Folder, link)
            : null;

    private static ImageFolderProfile Describe(ImageFileIndex index, IReadOnlyList<ImageLink> links)
    {
        var formats = new Dictionary<string, int>(StringComparer.Ordinal);
        var shapes = new Dictionary<(int, int, int), int>();
        var unreadable = new List<string>();
        var read = index.Files.Take(HeaderCap).ToList();
        foreach (var relative in read)
        {
            try
            {
                var header = ImageHeader.Read(index.PathOf(relative));
                formats[header.Format] = formats.GetValueOrDefault(header.Format) + 1;
                if (header is { Width: { } width, Height: { } height, Channels: { } channels })
                {
                    shapes[(width, height, channels)] = shapes.GetValueOrDefault((width, height, channels)) + 1;
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                unreadable.Add($"{relative}: {e.Message}");
            }
        }

        return new ImageFolderProfile(
            index.Folder,
            index.Files.Count,
            [.. formats.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Select(f => new ImageFormatCount(f.Key, f.Value))],
            [.. shapes.OrderByDescending(s => s.Value).Take(ExampleCount).Select(s => new ImageShapeCount(s.Key.Item1, s.Key.Item2, s.Key.Item3, s.Value))],
            read.Count,
            [.. index.Files.Take(ExampleCount)],
            unreadable.Count,
            [.. unreadable.Take(ExampleCount)],
            links);
    }

    /// <summary>The column of a table whose values name files of a folder, with how many rows name none.</summary>
    /// <param name="target">The label column: the first training rows with a label and a file of the folder are the samples.</param>
    private static (ImageFileIndex Folder, ImageLink Link)? Link(string table, FileRole role, IReadOnlyList<ImageFileIndex> indexes, string? target)
    {
        var best = BestColumn(table, indexes);
        if (best is not var (column, folder))
        {
            return null;
        }

        using var reader = new CsvReader(table);
        var at = reader.Header.ToList().IndexOf(column);
        var labelAt = role == FileRole.Test || target is null ? -1 : reader.Header.ToList().IndexOf(target);
        long rows = 0;
        long missing = 0;
        var examples = new List<string>();
        var samples = new List<ImageSample>();
        while (reader.MoveNext())
        {
            rows++;
            var value = reader.Field(at).ToString();
            if (indexes.All(i => i.Find(value) is null) && ++missing <= ExampleCount)
            {
                examples.Add(value);
            }

            if (labelAt >= 0 && samples.Count < SampleCount && folder.Find(value) is { } file && !DataProfiler.IsMissing(reader.Field(labelAt)))
            {
                samples.Add(new ImageSample(file, reader.Field(labelAt).Trim().ToString(), new FileInfo(folder.PathOf(file)).Length));
            }
        }

        return (folder, new ImageLink(Path.GetFileName(table), role, column, rows, missing, examples) { Samples = samples });
    }

    private static (string Column, ImageFileIndex Folder)? BestColumn(string table, IReadOnlyList<ImageFileIndex> indexes)
    {
        using var reader = new CsvReader(table);
        var names = reader.Header;
        var matches = new int[names.Count, indexes.Count];
        var present = new int[names.Count];
        for (var row = 0; row < SampleRows && reader.MoveNext(); row++)
        {
            for (var column = 0; column < names.Count; column++)
            {
                var value = reader.Field(column);
                if (DataProfiler.IsMissing(value))
                {
                    continue;
                }

                present[column]++;
                var text = value.ToString();
                for (var folder = 0; folder < indexes.Count; folder++)
                {
                    matches[column, folder] += indexes[folder].Find(text) is null ? 0 : 1;
                }
            }
        }

        var candidates =
            from column in Enumerable.Range(0, names.Count)
            from folder in Enumerable.Range(0, indexes.Count)
            where matches[column, folder] > 0 && matches[column, folder] * 2 >= present[column]
            orderby matches[column, folder] descending, column
            select (names[column], indexes[folder]);
        return candidates.Cast<(string, ImageFileIndex)?>().FirstOrDefault();
    }
}
