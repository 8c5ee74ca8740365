using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// The real web app, started as its own process from the built binary (<c>dotnet linguacodus.dll</c>) on a free
/// local port, with a private data folder and the repository's examples; stopped with its whole process tree.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "xunit disposes class fixtures through IAsyncLifetime.DisposeAsync, which kills and disposes the process.")]
public class WebAppFixture : IAsyncLifetime
{
    private const string ReadyLine = "Linguacodus is running at";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _log = new();
    private readonly object _logGate = new();
    private readonly bool _ownsDirectory;
    private Process? _process;

    public WebAppFixture()
        : this(null)
    {
    }

    /// <param name="dataDirectory">An existing data folder to serve (kept on dispose); by default a new one (deleted on dispose).</param>
    internal WebAppFixture(string? dataDirectory)
    {
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("linguacodus-e2e-").FullName;
    }

    public string BaseUrl { get; private set; } = "";

    public string DataDirectory { get; }

    /// <summary>What the server printed so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_logGate)
            {
                return _log.ToString();
            }
        }
    }

    public virtual async Task InitializeAsync()
    {
        var binary = typeof(Linguacodus.Web.WebApp).Assembly.Location;
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { binary },
            // The content root (appsettings.json) is the working folder; the build output has everything.
            WorkingDirectory = Path.GetDirectoryName(binary)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Linguacodus__DataDirectory"] = DataDirectory,
                ["Linguacodus__ExamplesDirectory"] = Repository.Examples,
                ["ASPNETCORE_URLS"] = url,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            },
        };
        Configure(start.Environment);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Record(e.Data, ready);
        _process.ErrorDataReceived += (_, e) => Record(e.Data, null);
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The web app exited early with code {_process.ExitCode}.\n{Log}"));
        if (!_process.Start())
        {
            throw new InvalidOperationException($"Could not start {start.FileName} {binary}.");
        }
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            // The app says where it listens; trust that over what was asked for.
            BaseUrl = (await ready.Task.WaitAsync(StartTimeout)).Split(',')[0].Trim().TrimEnd('/');
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The web app did not print \"{ReadyLine}\" within {StartTimeout.TotalSeconds} s.\n{Log}");
        }
    }

    /// <summary>Settings of a derived fixture (environment variables, which override appsettings.json).</summary>
    protected virtual void Configure(IDictionary<string, string?> environment)
    {
    }

    private void Record(string? line, TaskCompletionSource<string>? ready)
    {
        if (line is null)
        {
            return;
        }
        lock (_logGate)
        {
            _log.AppendLine(line);
        }
        if (ready is not null && line.IndexOf(ReadyLine, StringComparison.Ordinal) is var at and >= 0)
        {
            ready.TrySetResult(line[(at + ReadyLine.Length)..]);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ends the server as a crash would (SIGKILL to the app alone): whatever it ran must go with it.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                // The sandboxed Python of a run in progress is a child of the app: take the whole tree down.
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
        if (!_ownsDirectory)
        {
            return;
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
