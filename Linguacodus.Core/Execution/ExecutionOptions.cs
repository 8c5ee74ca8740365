using System.ComponentModel.DataAnnotations;

namespace Linguacodus.Core.Execution;

/// <summary>How generated programs run: the interpreter and the sandbox limits.</summary>
public sealed class ExecutionOptions
{
    public const string SectionName = "Execution";

    /// <summary>Debian's Python, which has pandas and scikit-learn (the one on PATH may not).</summary>
    [Required]
    public string PythonPath { get; set; } = "/usr/bin/python3";

    [Required]
    public string BubblewrapPath { get; set; } = "/usr/bin/bwrap";

    [Range(1, 86_400)]
    public int WallSeconds { get; set; } = 900;

    [Range(1, 86_400)]
    public int CpuSeconds { get; set; } = 1_800;

    [Range(256, 1_048_576)]
    public int MemoryMegabytes { get; set; } = 4_096;

    [Range(8, 4_096)]
    public int MaxProcesses { get; set; } = 256;

    [Range(1, 100_000)]
    public int MaxFileMegabytes { get; set; } = 200;

    /// <summary>Fix attempts after the first run fails.</summary>
    [Range(0, 10)]
    public int MaxFixes { get; set; } = 3;
}
