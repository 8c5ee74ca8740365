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

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;

    public long MaxTotalBytes => MaxTotalMegabytes * 1024L * 1024L;
}
