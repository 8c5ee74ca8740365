using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Linguacodus.Core.Execution;

/// <summary>
/// Runs Python under bubblewrap: no network, read-only system, an empty environment, the task's data read in place
/// and read-only, the run folder as the only writable place, and address-space, CPU, process, file-size, open-file and wall-clock limits; as an unprivileged
/// user when the app is root, one per execution slot where they exist, with control groups that cap the program's memory and processes as a whole
/// where the host has them (<see cref="ProgramCgroup"/>). Refuses to run when the sandbox fails its start-up self-test: code is never run
/// unsandboxed.
/// </summary>
internal sealed class BubblewrapSandbox : ICodeSandbox
{
    /// <summary>Longest line passed on; the rest of a longer line is counted, not kept.</summary>
    public const int MaxLineChars = 4_000;

    private const string CellMarker = "\x1eLINGUACODUS_CELL ";
    private const string ProbeMarker = "LINGUACODUS_PROBE ";
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);
    private readonly ExecutionOptions _options;
    private readonly IReadOnlyList<string> _extraArguments;
    private readonly Lazy<Task<string?>> _check;
    private readonly SandboxIdentity? _identity;
    private readonly SandboxIdentity?[] _slotIdentities;
    private readonly string? _identityProblem;
    private readonly bool _cgroups;

    public BubblewrapSandbox(IOptions<ExecutionOptions> options, ILogger<BubblewrapSandbox>? logger = null)
        : this(options, [], logger)
    {
    }

    /// <param name="extraBubblewrapArguments">For tests of the self-test only (e.g. --share-net).</param>
    internal BubblewrapSandbox(IOptions<ExecutionOptions> options, IReadOnlyList<string> extraBubblewrapArguments, ILogger? logger = null)
    {
        _options = options.Value;
        _extraArguments = extraBubblewrapArguments;
        _slotIdentities = new SandboxIdentity?[_options.MaxConcurrentRuns];
        if (Environment.IsPrivilegedProcess)
        {
            (_identity, _identityProblem) = SandboxIdentity.Resolve(_options.SandboxUser);
            ResolveSlotUsers(logger ?? NullLogger.Instance);
            _cgroups = ProgramCgroup.IsAvailable(_options.CgroupRoot);
            if (_cgroups)
            {
                ProgramCgroup.RemoveAbandoned(_options.CgroupRoot);
            }
        }
        // Probed once per process: the host either can run the sandbox as it should or cannot.
        _check = new(() => ProbeAsync(CancellationToken.None));
    }

    /// <summary>Whether each program gets control groups that cap its memory and processes as a whole (root, and cgroup v1 memory and pids on the host).</summary>
    internal bool HasControlGroups => _cgroups;

    /// <summary>The user programs outside a slot run as (the self-test); null when the app is not root (programs then run as the app's user).</summary>
    internal SandboxIdentity? Identity => _identity;

    /// <summary>The user the program in execution slot <paramref name="slot"/> runs as.</summary>
    internal SandboxIdentity? IdentityFor(int? slot) => slot is { } index && index < _slotIdentities.Length ? _slotIdentities[index] : _identity;

    /// <summary>
    /// Each slot's own user ("name-N"), so one run's processes do not count against another's process limit (the kernel
    /// counts them per user); the shared user where that one is missing, which is said once.
    /// </summary>
    private void ResolveSlotUsers(ILogger logger)
    {
        var missing = new List<string>();
        for (var index = 0; index < _slotIdentities.Length; index++)
        {
            _slotIdentities[index] = _identity;
            if (_identity is not null && SandboxIdentity.SlotUser(_options.SandboxUser, index) is { } name)
            {
                var (own, problem) = SandboxIdentity.Resolve(name);
                _slotIdentities[index] = own ?? _identity;
                if (problem is not null)
                {
                    missing.Add(name);
                }
            }
        }
        if (missing.Count > 0)
        {
            logger.LogWarning(
                "The sandbox users {Missing} do not exist, so programs in those execution slots run as {User} and share its process limit with each other. Run scripts/setup.sh to create them.",
                string.Join(", ", missing), _identity!.Name);
        }
    }

    public Task<string?> CheckAsync(CancellationToken cancellationToken) => _check.Value.WaitAsync(cancellationToken);

    /// <summary>
    /// The start-up self-test: the tools exist, and a real sandboxed Python proves it has no network (only a
    /// loopback interface, no route out, no DNS), cannot write to the system, does not run as root, and has pandas
    /// and scikit-learn.
    /// </summary>
    private async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_identityProblem is not null)
        {
            return _identityProblem;
        }
        if (!File.Exists(_options.BubblewrapPath))
        {
            return $"The sandbox (bubblewrap, {_options.BubblewrapPath}) is not installed, so generated code cannot run. Run scripts/setup.sh.";
        }
        if (!File.Exists(_options.PythonPath))
        {
            return $"Python was not found at {_options.PythonPath}. Run scripts/setup.sh.";
        }
        string[] tools = _identity is null ? ["/usr/bin/prlimit", "/usr/bin/env"] : ["/usr/bin/prlimit", "/usr/bin/env", "/usr/bin/setpriv", "/usr/bin/unshare", "/bin/sh"];
        if (tools.FirstOrDefault(t => !File.Exists(t)) is { } missing)
        {
            return $"{missing} is missing (util-linux / coreutils), so the sandbox cannot start. Run scripts/setup.sh.";
        }
        var probe = Directory.CreateTempSubdirectory("linguacodus-probe-");
        try
        {
            var script = Path.Combine(probe.FullName, "probe.py");
            await File.WriteAllTextAsync(script, ProbeScript, cancellationToken);
            var errors = new List<string>();
            string? report = null;
            var result = await RunAsync(probe.FullName, script, SandboxInputs.None, line =>
            {
                if (line.Text.StartsWith(ProbeMarker, StringComparison.Ordinal))
                {
                    report = line.Text[ProbeMarker.Length..];
                }
                else if (line.IsError)
                {
                    errors.Add(line.Text);
                }
            }, cancellationToken);
            var why = string.Join(" ", errors.TakeLast(3)).Trim();
            if (why.Contains("No module named", StringComparison.Ordinal))
            {
                return $"Python at {_options.PythonPath} lacks pandas or scikit-learn ({why}). Run scripts/setup.sh.";
            }
            if (!result.Succeeded || report is null)
            {
                return $"The sandbox cannot start on this host ({(why.Length > 0 ? why : result.LimitMessage ?? $"exit code {result.ExitCode}")}); generated code will not run unsandboxed.";
            }
            return Judge(report);
        }
        finally
        {
            probe.Delete(recursive: true);
        }
    }

    private const string ProbeScript = """
        import json, os, socket
        report = {"uid": os.getuid(), "interfaces": sorted(name for _, name in socket.if_nameindex())}
        try:
            socket.create_connection(("1.1.1.1", 53), timeout=1).close()
            report["connect"] = True
        except OSError:
            report["connect"] = False
        try:
            socket.getaddrinfo("example.com", 443)
            report["dns"] = True
        except OSError:
            report["dns"] = False
        try:
            open("/usr/.linguacodus-probe", "w").close()
            report["system_writable"] = True
        except OSError:
            report["system_writable"] = False
        report["environment"] = sorted(os.environ)
        import numpy, pandas, sklearn
        print("LINGUACODUS_PROBE " + json.dumps(report))
        """;

    private string? Judge(string report)
    {
        using var json = JsonDocument.Parse(report);
        var root = json.RootElement;
        var interfaces = root.GetProperty("interfaces").EnumerateArray().Select(i => i.GetString()).ToList();
        var refuse = "The sandbox failed its self-test ({0}); generated code will not run.";
        if (interfaces.Any(i => i != "lo") || root.GetProperty("connect").GetBoolean() || root.GetProperty("dns").GetBoolean())
        {
            return string.Format(refuse, $"the network is reachable from inside: interfaces {string.Join(", ", interfaces)}");
        }
        if (root.GetProperty("system_writable").GetBoolean())
        {
            return string.Format(refuse, "the system folders are writable from inside");
        }
        // Only what the sandbox sets, plus what Python and bubblewrap add themselves (LC_CTYPE coercion, PWD): the app's environment must not leak in.
        string[] expected = ["HOME", "LC_CTYPE", "MPLBACKEND", "MPLCONFIGDIR", "OMP_NUM_THREADS", "PATH", "PWD"];
        if (root.GetProperty("environment").EnumerateArray().Select(e => e.GetString()).Except(expected).ToList() is { Count: > 0 } leaked)
        {
            return string.Format(refuse, $"the app's environment is visible inside: {string.Join(", ", leaked)}");
        }
        var uid = root.GetProperty("uid").GetInt32();
        if (uid == 0 || (_identity is not null && uid != _identity.Uid))
        {
            return string.Format(refuse, $"programs run as uid {uid}, not as the sandbox user");
        }
        return null;
    }

    public Task<ExecutionResult> RunAsync(
        string workDirectory, string scriptFile, SandboxInputs inputs, Action<OutputLine> onOutput, CancellationToken cancellationToken) =>
        RunAsync(workDirectory, scriptFile, inputs, null, onOutput, cancellationToken);

    /// <summary>Runs the program as the user of execution slot <paramref name="slot"/> (null: the shared sandbox user).</summary>
    internal async Task<ExecutionResult> RunAsync(
        string workDirectory, string scriptFile, SandboxInputs inputs, int? slot, Action<OutputLine> onOutput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var work = Path.GetFullPath(workDirectory);
        var script = Path.GetRelativePath(work, Path.GetFullPath(scriptFile));
        if (script.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(script))
        {
            throw new ArgumentException("The script must be inside the work folder.", nameof(scriptFile));
        }
        if (inputs.Problem(work) is { } badInputs)
        {
            throw new ArgumentException(badInputs, nameof(inputs));
        }
        if (_identityProblem is not null)
        {
            throw new InvalidOperationException(_identityProblem);
        }
        var identity = IdentityFor(slot);
        if (identity is not null && WorkFolder.HandOverProblem(work) is { } unsafeFolder)
        {
            throw new ArgumentException(unsafeFolder, nameof(workDirectory));
        }
        using var cgroup = identity is not null && _cgroups ? ProgramCgroup.Create(_options.CgroupRoot, _options) : null;
        using var process = new Process
        {
            StartInfo = SandboxCommand.Build(_options, identity, SandboxRuntime.Instance, work, script, inputs, _extraArguments, cgroup),
        };
        var clock = Stopwatch.StartNew();
        var gate = new OutputGate(_options.MaxOutputLines, onOutput);
        var signs = new LimitSigns();
        // The runner marks each cell on both streams; they are read in parallel, so each keeps its own place.
        var cells = new int[2];
        void Receive(string text, bool isError)
        {
            var stream = isError ? 1 : 0;
            if (text.StartsWith(CellMarker, StringComparison.Ordinal))
            {
                _ = int.TryParse(text.AsSpan(CellMarker.Length), out cells[stream]);
                return;
            }
            if (isError)
            {
                signs.Read(text);
            }
            gate.Receive(new OutputLine(text, isError, cells[stream]));
        }

        await ProcessSpawner.StartAsync(process);
        process.StandardInput.Close();
        using var wall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wall.CancelAfter(TimeSpan.FromSeconds(_options.WallSeconds));
        var stdout = OutputPump.PumpAsync(process.StandardOutput.BaseStream, MaxLineChars, text => Receive(text, false));
        var stderr = OutputPump.PumpAsync(process.StandardError.BaseStream, MaxLineChars, text => Receive(text, true));
        using var disk = new CancellationTokenSource();
        var guard = GuardWorkFolderAsync(work, signs, wall, disk.Token);
        var killed = false;
        try
        {
            await process.WaitForExitAsync(wall.Token);
        }
        catch (OperationCanceledException)
        {
            // A fork bomb that swallows its errors prints nothing: count what it holds before it goes.
            signs.AtProcessLimit(ProcessTree.CountTasks(process.Id), _options.MaxProcesses);
            await TerminateAsync(process);
            killed = true;
        }
        await disk.CancelAsync();
        await Task.WhenAll(stdout, stderr, guard);
        gate.Finish();
        // Nothing of the program is left running now; clean what it and bubblewrap left behind before the app reads the folder.
        WorkFolder.RemovePlaceholders(work, inputs.Names);
        await WorkFolder.RemoveSpecialFilesAsync(work, CancellationToken.None);
        if (cgroup?.OutOfMemoryKills > 0)
        {
            signs.OutOfMemory();
        }
        var stopped = killed && cancellationToken.IsCancellationRequested && !signs.WorkFolderFull;
        var limit = stopped ? null : signs.Message(_options, process.ExitCode, killed);
        return new ExecutionResult(killed ? 124 : process.ExitCode, clock.Elapsed, limit, stopped);
    }

    /// <summary>
    /// Measures the working folder every half second and ends the program (through <paramref name="stop"/>) once it
    /// holds more than the working-folder limits allow: the host's disk has no quota for the sandbox user.
    /// </summary>
    private async Task GuardWorkFolderAsync(string work, LimitSigns signs, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        var maxBytes = (long)_options.MaxWorkFolderMegabytes * 1024 * 1024;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(500, cancellationToken);
                var (bytes, entries) = await Task.Run(() => WorkFolder.Measure(work, _options.MaxWorkFolderEntries), cancellationToken);
                if (bytes > maxBytes || entries > _options.MaxWorkFolderEntries)
                {
                    signs.WorkFolderFull = true;
                    await stop.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The program ended first.
        }
    }

    /// <summary>
    /// Kills the sandbox's init process (bubblewrap's child): the kernel then ends every process in its PID namespace,
    /// detached ones included, and bubblewrap exits only once they are all gone. Killing the whole tree is the fallback.
    /// </summary>
    private static async Task TerminateAsync(Process process)
    {
        foreach (var child in ProcessTree.Children(process.Id))
        {
            try
            {
                using var init = Process.GetProcessById(child);
                init.Kill();
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
        using var grace = new CancellationTokenSource(KillGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>What the program's error output says about the limit that stopped it.</summary>
    private sealed class LimitSigns
    {
        private volatile bool _memory;
        private volatile bool _fileSize;
        private volatile bool _processes;
        private volatile bool _space;

        /// <summary>Set by the working-folder guard, which then stops the program.</summary>
        public volatile bool WorkFolderFull;

        public void Read(string text)
        {
            _memory |= text.Contains("MemoryError", StringComparison.Ordinal) || text.Contains("Unable to allocate", StringComparison.Ordinal)
                || text.Contains("Cannot allocate memory", StringComparison.Ordinal);
            _fileSize |= text.Contains("File too large", StringComparison.Ordinal);
            _processes |= text.Contains("[Errno 11] Resource temporarily unavailable", StringComparison.Ordinal)
                || text.Contains("can't start new thread", StringComparison.Ordinal) || text.Contains("fork: retry", StringComparison.Ordinal);
            _space |= text.Contains("No space left on device", StringComparison.Ordinal);
        }

        /// <summary>The kernel killed a process of the program for its control group's memory limit.</summary>
        public void OutOfMemory() => _memory = true;

        /// <summary>The sandbox held (nearly) as many tasks as the limit allows; its bubblewrap and init count too.</summary>
        public void AtProcessLimit(int tasks, int limit) => _processes |= tasks >= limit - 1;

        public string? Message(ExecutionOptions options, int exitCode, bool killed)
        {
            var reasons = new List<string>();
            if (exitCode == 0 && !killed)
            {
                // The program met a limit and coped with it.
                return null;
            }
            if (_processes)
            {
                reasons.Add($"process limit of {options.MaxProcesses} reached");
            }
            if (_memory)
            {
                reasons.Add($"memory limit of {options.MemoryMegabytes:N0} MB reached");
            }
            if (_space)
            {
                reasons.Add($"temporary space full (/tmp holds {options.TmpMegabytes:N0} MB and /dev/shm {options.ShmMegabytes:N0} MB; write large files to the working folder)");
            }
            if (_fileSize)
            {
                reasons.Add($"file size limit of {options.MaxFileMegabytes:N0} MB reached");
            }
            if (WorkFolderFull)
            {
                reasons.Add($"working folder limit reached ({options.MaxWorkFolderMegabytes:N0} MB, {options.MaxWorkFolderEntries:N0} files)");
            }
            else if (killed)
            {
                reasons.Add($"stopped after {options.WallSeconds} s (wall-clock limit)");
            }
            else if (exitCode is 128 + 24 || (exitCode is 128 + 9 && reasons.Count == 0))
            {
                // SIGXCPU at the CPU limit; SIGKILL shortly after for a program that ignores SIGXCPU.
                reasons.Add($"CPU time limit of {options.CpuSeconds} s reached");
            }
            return reasons.Count > 0 ? string.Join("; ", reasons) : null;
        }
    }
}
