using System.Diagnostics;

namespace Linguacodus.Core.Execution;

/// <summary>
/// The command line that runs one program: the recipe in SECURITY.md (limits, empty environment, bubblewrap with
/// every namespace unshared, read-only system, private /tmp and /dev/shm, the work folder as the only writable place).
/// </summary>
/// <remarks>
/// When the app runs as root, programs run as <see cref="SandboxIdentity"/>: the work folder is given to that user and
/// bind-mounted onto a fixed mount point inside a private mount namespace (bubblewrap, running as that user, must be
/// able to reach the folder, and the app's own folders are usually closed to other users), then setpriv drops to that
/// user before bubblewrap starts. The task's data entries are bound, one by one, onto placeholders in a small tmpfs
/// over a second fixed mount point in the same namespace: reachable for that user without opening the app's folders,
/// and never given to it (they stay root's, readable and unwritable). Everything after setpriv is the same as for an
/// unprivileged app.
/// </remarks>
internal static class SandboxCommand
{
    public const string JobDirectory = "/job";
    public const string RunnerInSandbox = "/opt/linguacodus/run_cells.py";

    /// <summary>
    /// Runs as root inside the private mount namespace: $1 work folder, $2 its mount point, $3 uid, $4 gid, $5 data
    /// folder, $6 its mount point, $7 the number of data entries, then their names, then the command. It first joins
    /// the program's control groups (the files in $LINGUACODUS_CGROUPS), so everything it starts is in them.
    /// </summary>
    private const string HandOverScript = """
        set -e; for group in $LINGUACODUS_CGROUPS; do echo $$ > "$group"; done
        chown -R -P "$3:$4" "$1"; chmod 700 "$1"; mount --bind "$1" "$2"
        data=$5; into=$6; n=$7; shift 7
        [ "$n" -eq 0 ] || mount -t tmpfs -o size=1m,mode=755,nosuid,nodev tmpfs "$into"
        while [ "$n" -gt 0 ]; do
          if [ -d "$data/$1" ]; then mkdir "$into/$1"; else : > "$into/$1"; fi
          mount --bind "$data/$1" "$into/$1"; n=$((n - 1)); shift
        done
        exec "$@"
        """;

    /// <param name="cgroup">The program's control groups, joined by the hand-over script (so only with an identity).</param>
    public static ProcessStartInfo Build(
        ExecutionOptions options, SandboxIdentity? identity, SandboxRuntime runtime, string work, string scriptInWork,
        SandboxInputs inputs, IReadOnlyList<string> extraBubblewrapArguments, ProgramCgroup? cgroup = null)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var arguments = new List<string>();
        var source = work;
        var data = inputs.Directory;
        if (identity is not null)
        {
            source = runtime.MountPoint;
            data = runtime.DataMountPoint;
            arguments.AddRange(["--mount", "--propagation", "private", "--", "/bin/sh", "-c", HandOverScript, "sh",
                work, runtime.MountPoint, $"{identity.Uid}", $"{identity.Gid}", inputs.Directory, runtime.DataMountPoint, $"{inputs.Names.Count}"]);
            arguments.AddRange(inputs.Names);
            info.Environment["LINGUACODUS_CGROUPS"] = cgroup?.JoinFiles ?? "";
        }
        arguments.AddRange(
        [
            "/usr/bin/prlimit",
            $"--as={(long)options.MemoryMegabytes * 1024 * 1024}",
            // SIGXCPU at the limit (a plain message), SIGKILL a little later for a program that ignores it.
            $"--cpu={options.CpuSeconds}:{options.CpuSeconds + 2}",
            $"--nproc={options.MaxProcesses}", $"--fsize={(long)options.MaxFileMegabytes * 1024 * 1024}",
            $"--nofile={options.MaxOpenFiles}", "--core=0", "--",
        ]);
        if (identity is not null)
        {
            arguments.AddRange(["/usr/bin/setpriv", $"--reuid={identity.Uid}", $"--regid={identity.Gid}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--nnp", "--"]);
        }
        arguments.AddRange(
        [
            // An empty environment: without it the app's secrets would be readable at /proc/1/environ inside.
            "/usr/bin/env", "-i", "PATH=/usr/bin",
            options.BubblewrapPath, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin", "--ro-bind", "/etc/alternatives", "/etc/alternatives",
            // Debian's matplotlib will not import without its system-wide defaults.
            "--ro-bind-try", "/etc/matplotlibrc", "/etc/matplotlibrc",
            // fontconfig's settings: matplotlib's first import lists the fonts with fc-list, which complains on stderr without them.
            "--ro-bind-try", "/etc/fonts", "/etc/fonts",
            // The system's font cache, read-only: without it every fresh work folder rebuilt one (half a second a run).
            "--ro-bind-try", "/var/cache/fontconfig", "/var/cache/fontconfig",
            "--proc", "/proc", "--dev", "/dev",
            "--size", $"{(long)options.ShmMegabytes * 1024 * 1024}", "--tmpfs", "/dev/shm",
            "--size", $"{(long)options.TmpMegabytes * 1024 * 1024}", "--tmpfs", "/tmp",
            "--ro-bind", runtime.Runner, RunnerInSandbox,
            "--bind", source, JobDirectory,
        ]);
        // Read-only over the writable folder: bubblewrap leaves an empty placeholder there for each, removed after the run.
        foreach (var name in inputs.Names)
        {
            arguments.AddRange(["--ro-bind", Path.Combine(data, name), $"{JobDirectory}/{name}"]);
        }
        arguments.AddRange(
        [
            "--chdir", JobDirectory, "--remount-ro", "/",
            "--clearenv", "--setenv", "HOME", JobDirectory, "--setenv", "PATH", "/usr/bin", "--setenv", "MPLBACKEND", "Agg",
            "--setenv", "MPLCONFIGDIR", "/tmp/matplotlib", "--setenv", "OMP_NUM_THREADS", "2", "--hostname", "sandbox",
        ]);
        arguments.AddRange(extraBubblewrapArguments);
        arguments.AddRange([options.PythonPath, "-I", "-B", "-u", RunnerInSandbox, JobDirectory + "/" + scriptInWork.Replace('\\', '/')]);

        info.FileName = identity is not null ? "/usr/bin/unshare" : arguments[0];
        foreach (var argument in identity is not null ? arguments : arguments.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }
}
