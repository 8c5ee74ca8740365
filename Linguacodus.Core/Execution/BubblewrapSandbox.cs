using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Linguacodus.Core.Execution;

/// <summary>
/// Runs Python under bubblewrap: no network, read-only system, an empty environment, the run folder as the only
/// writable place, and address-space, CPU, process, file-size and wall-clock limits. Refuses to run when the
/// sandbox cannot start: code is never run unsandboxed.
/// </summary>
internal sealed class BubblewrapSandbox : ICodeSandbox
{
    private const string CellMarker = "\x1eLINGUACODUS_CELL ";
    private const string RunnerInSandbox = "/opt/linguacodus/run_cells.py";
    private static readonly Lazy<string> RunnerFile = new(WriteRunner);
    private readonly ExecutionOptions _options;
    private readonly Lazy<Task<string?>> _check;

    public BubblewrapSandbox(IOptions<ExecutionOptions> options)
    {
        _options = options.Value;
        // Probed once per process: the host either can start the sandbox or cannot.
        _check = new(() => ProbeAsync(CancellationToken.None));
    }

    public Task<string?> CheckAsync(CancellationToken cancellationToken) => _check.Value.WaitAsync(cancellationToken);

    private async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_options.BubblewrapPath))
        {
            return $"The sandbox (bubblewrap, {_options.BubblewrapPath}) is not installed, so generated code cannot run. Run the README set-up command.";
        }
        if (!File.Exists(_options.PythonPath))
        {
            return $"Python was not found at {_options.PythonPath}. Run the README set-up command.";
        }
        var probe = Directory.CreateTempSubdirectory("linguacodus-probe-");
        try
        {
            var script = Path.Combine(probe.FullName, "probe.py");
            await File.WriteAllTextAsync(script, "import pandas, sklearn, numpy\nprint('ok')\n", cancellationToken);
            var errors = new List<string>();
            var result = await RunAsync(probe.FullName, script, line => { if (line.IsError) { errors.Add(line.Text); } }, cancellationToken);
            if (result.Succeeded)
            {
                return null;
            }
            var why = string.Join(" ", errors.TakeLast(3)).Trim();
            return why.Contains("No module named", StringComparison.Ordinal)
                ? $"Python at {_options.PythonPath} lacks pandas or scikit-learn ({why}). Run the README set-up command."
                : $"The sandbox cannot start on this host ({(why.Length > 0 ? why : $"exit code {result.ExitCode}")}); generated code will not run unsandboxed.";
        }
        finally
        {
            probe.Delete(recursive: true);
        }
    }

    public async Task<ExecutionResult> RunAsync(
        string workDirectory, string scriptFile, Action<OutputLine> onOutput, CancellationToken cancellationToken)
    {
        var work = Path.GetFullPath(workDirectory);
        var script = Path.GetRelativePath(work, Path.GetFullPath(scriptFile));
        if (script.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(script))
        {
            throw new ArgumentException("The script must be inside the work folder.", nameof(scriptFile));
        }
        using var process = new Process { StartInfo = StartInfo(work, script) };
        var clock = Stopwatch.StartNew();
        var cell = 0;
        var memory = false;
        var fileSize = false;
        void Receive(string text, bool isError)
        {
            if (text.StartsWith(CellMarker, StringComparison.Ordinal))
            {
                _ = int.TryParse(text.AsSpan(CellMarker.Length), out cell);
                return;
            }
            memory |= isError && (text.Contains("MemoryError", StringComparison.Ordinal) || text.Contains("Unable to allocate", StringComparison.Ordinal));
            fileSize |= isError && text.Contains("File too large", StringComparison.Ordinal);
            onOutput(new OutputLine(text.Length > 20_000 ? text[..20_000] + " [line cut]" : text, isError, cell));
        }

        process.Start();
        using var wall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wall.CancelAfter(TimeSpan.FromSeconds(_options.WallSeconds));
        var stdout = PumpAsync(process.StandardOutput, text => Receive(text, false));
        var stderr = PumpAsync(process.StandardError, text => Receive(text, true));
        var killed = false;
        try
        {
            await process.WaitForExitAsync(wall.Token);
        }
        catch (OperationCanceledException)
        {
            // Killing bwrap ends its PID namespace, and with it every process the program started.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            killed = true;
        }
        await Task.WhenAll(stdout, stderr);
        var stopped = killed && cancellationToken.IsCancellationRequested;
        var limit = (killed, stopped) switch
        {
            (true, false) => $"stopped after {_options.WallSeconds} s (wall-clock limit)",
            _ when stopped => null,
            _ when memory => $"memory limit of {_options.MemoryMegabytes:N0} MB reached",
            _ when fileSize => $"file size limit of {_options.MaxFileMegabytes:N0} MB reached",
            _ when process.ExitCode is 137 or 152 or 128 + 24 => $"CPU time limit of {_options.CpuSeconds} s reached",
            _ => null,
        };
        return new ExecutionResult(killed ? 124 : process.ExitCode, clock.Elapsed, limit, stopped);
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> receive)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            receive(line);
        }
    }

    private ProcessStartInfo StartInfo(string work, string script)
    {
        var info = new ProcessStartInfo("prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            $"--as={(long)_options.MemoryMegabytes * 1024 * 1024}", $"--cpu={_options.CpuSeconds}",
            $"--nproc={_options.MaxProcesses}", $"--fsize={(long)_options.MaxFileMegabytes * 1024 * 1024}",
            "--nofile=256", "--core=0", "--",
            // An empty environment: without it the app's secrets would be readable at /proc/1/environ inside.
            "env", "-i", "PATH=/usr/bin",
            _options.BubblewrapPath, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin", "--ro-bind", "/etc/alternatives", "/etc/alternatives",
            "--proc", "/proc", "--dev", "/dev",
            "--size", "67108864", "--tmpfs", "/dev/shm", "--size", "268435456", "--tmpfs", "/tmp",
            "--ro-bind", RunnerFile.Value, RunnerInSandbox,
            "--bind", work, "/job", "--chdir", "/job", "--remount-ro", "/",
            "--clearenv", "--setenv", "HOME", "/job", "--setenv", "PATH", "/usr/bin", "--setenv", "MPLBACKEND", "Agg",
            "--setenv", "MPLCONFIGDIR", "/tmp/matplotlib", "--setenv", "OMP_NUM_THREADS", "2", "--hostname", "sandbox",
            _options.PythonPath, "-I", "-B", "-u", RunnerInSandbox, "/job/" + script.Replace('\\', '/'),
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }

    private static string WriteRunner()
    {
        using var resource = typeof(BubblewrapSandbox).Assembly.GetManifestResourceStream("Linguacodus.Core.Execution.run_cells.py")
            ?? throw new InvalidOperationException("run_cells.py is missing from the assembly.");
        var path = Path.Combine(Path.GetTempPath(), $"linguacodus-run-cells-{Environment.ProcessId}.py");
        using (var file = File.Create(path))
        {
            resource.CopyTo(file);
        }
        return path;
    }
}
