using System.Diagnostics;
using System.Text;

namespace Linguacodus.Tests.Infrastructure;

/// <summary>The real binary run as a separate process over a data folder, the way an analyst or a script runs a verb.</summary>
internal static class CliProcess
{
    /// <summary>Starts the binary with its output redirected; <paramref name="settings"/> are environment variables (configuration).</summary>
    public static Process Start(string dataDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? settings = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(typeof(Linguacodus.Web.WebApp).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["Linguacodus__DataDirectory"] = dataDirectory;
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        return Process.Start(info)!;
    }

    /// <summary>Runs the binary; if it starts the web server instead of a verb, it is stopped and that is reported.</summary>
    public static async Task<(int ExitCode, string Out, string Err, bool ServerStarted)> RunAsync(string dataDirectory, params string[] args)
    {
        // A web server started by mistake takes a free port and says so on stdout.
        using var process = Start(dataDirectory, args, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" });
        var error = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        var serverStarted = false;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            output.AppendLine(line);
            if (line.StartsWith("Linguacodus is running at", StringComparison.Ordinal))
            {
                serverStarted = true;
                process.Kill(entireProcessTree: true);
            }
        }
        await process.WaitForExitAsync();
        return (process.ExitCode, output.ToString(), await error, serverStarted);
    }
}
