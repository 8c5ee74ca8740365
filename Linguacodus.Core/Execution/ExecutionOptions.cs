using System.ComponentModel.DataAnnotations;

namespace Linguacodus.Core.Execution;

/// <summary>How generated programs run: the interpreter, the sandbox's user and limits, and how many run at once.</summary>
public sealed class ExecutionOptions
{
    public const string SectionName = "Execution";

    /// <summary>The user generated code runs as when the app itself runs as root (process limits do not apply to root).</summary>
    public const string DefaultSandboxUser = "linguacodus-sandbox";

    /// <summary>Debian's Python, which has pandas and scikit-learn (the one on PATH may not).</summary>
    [Required]
    public string PythonPath { get; set; } = "/usr/bin/python3";

    [Required]
    public string BubblewrapPath { get; set; } = "/usr/bin/bwrap";

    /// <summary>
    /// A user name, or "uid" / "uid:gid". Used only when the app runs as root: programs then run as this
    /// unprivileged user, or, for a name, as "name-N" for the program in execution slot N, when that user exists, so
    /// that the kernel's per-user process limit is per run (scripts/setup.sh creates "name" and "name-1" to "name-4").
    /// An app that is not root runs programs as itself.
    /// </summary>
    public string SandboxUser { get; set; } = DefaultSandboxUser;

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

    [Range(16, 65_536)]
    public int MaxOpenFiles { get; set; } = 256;

    /// <summary>
    /// The working folder as a whole (the task's data copies included): the file-size limit caps each file, this caps
    /// their sum, so a program cannot fill the host's disk with many files. Checked every half second.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxWorkFolderMegabytes { get; set; } = 4_096;

    /// <summary>Files and folders in the working folder, so a program cannot exhaust the disk's inodes either.</summary>
    [Range(100, 10_000_000)]
    public int MaxWorkFolderEntries { get; set; } = 100_000;

    /// <summary>Size of the program's private /tmp (memory-backed).</summary>
    [Range(1, 65_536)]
    public int TmpMegabytes { get; set; } = 256;

    /// <summary>Size of the program's private /dev/shm (memory-backed).</summary>
    [Range(1, 65_536)]
    public int ShmMegabytes { get; set; } = 64;

    /// <summary>Lines passed on live per run; beyond them only a count and the last lines are kept, so a flood cannot fill the app's memory.</summary>
    [Range(100, 1_000_000)]
    public int MaxOutputLines { get; set; } = 10_000;

    /// <summary>Programs that run at the same time; more wait in a queue, first come first served.</summary>
    [Range(1, 64)]
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>
    /// The folder of the execution slots' lock files: every app process using the same folder shares one limit of
    /// <see cref="MaxConcurrentRuns"/>. Empty: the data directory's "slots" folder, which the web app and the command
    /// line share by default; point installations with several data directories at one folder (e.g. /run/linguacodus).
    /// </summary>
    public string SlotsDirectory { get; set; } = "";

    /// <summary>
    /// Where the host mounts its cgroup v1 hierarchies. When the app is root and the memory and pids controllers are
    /// there, each program gets control groups that cap all its processes together (see <c>ProgramCgroup</c>); empty
    /// turns them off, and the per-process rlimits alone apply.
    /// </summary>
    public string CgroupRoot { get; set; } = "/sys/fs/cgroup";

    /// <summary>Fix attempts after the first run fails.</summary>
    [Range(0, 10)]
    public int MaxFixes { get; set; } = 3;

    /// <summary>
    /// The working time a run may spend in all (planning, writing code, running and fixing it; not the time it waits for
    /// the analyst's choice). A run that reaches it stops and says so. 0: no limit.
    /// </summary>
    [Range(0, 604_800)]
    public int MaxRunSeconds { get; set; } = 7_200;
}
