using System.ComponentModel.DataAnnotations;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>How much one task may upload. Checked before a byte is stored where possible, and while streaming otherwise.</summary>
public sealed class UploadLimits
{
    public const string SectionName = "Uploads";

    [Range(1, 100_000)]
    public int MaxFileMegabytes { get; set; } = 200;

    /// <summary>Files one task may hold, however many selections they came in.</summary>
    [Range(1, 1_000)]
    public int MaxFiles { get; set; } = 20;

    /// <summary>All of one task's files together.</summary>
    [Range(1, 1_000_000)]
    public int MaxTotalMegabytes { get; set; } = 1_000;

    /// <summary>Entries one zip may list: an image task ships one file per image.</summary>
    [Range(1, 10_000_000)]
    public int MaxArchiveEntries { get; set; } = 100_000;

    /// <summary>One zip, and everything unpacked from it (its images and tables together).</summary>
    [Range(1, 1_000_000)]
    public int MaxArchiveMegabytes { get; set; } = 2_048;

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;

    public long MaxArchiveBytes => MaxArchiveMegabytes * 1024L * 1024L;

    public long MaxTotalBytes => MaxTotalMegabytes * 1024L * 1024L;
}
