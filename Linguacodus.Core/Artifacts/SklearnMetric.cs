using System.Diagnostics;
using System.Text.Json;

namespace Linguacodus.Core.Artifacts;

/// <summary>
/// Computes a metric with scikit-learn: score_metric.py, embedded in this assembly, run by Debian's Python and fed the
/// aligned truth and predictions as JSON on stdin. It runs outside the sandbox: the script is our own and fixed, the
/// data reaches it only as JSON values (never as code), and the answers never enter a generated program's folder.
/// </summary>
internal static class SklearnMetric
{
    /// <summary>Debian's Python, which has scikit-learn (the one on PATH may not).</summary>
    public const string PythonPath = "/usr/bin/python3";

    private const int ValueProblemExitCode = 3;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<string> Script = new(() =>
    {
        using var resource = typeof(SklearnMetric).Assembly.GetManifestResourceStream("Linguacodus.Core.Artifacts.score_metric.py")
            ?? throw new InvalidOperationException("score_metric.py is missing from the assembly.");
        using var reader = new StreamReader(resource);
        return reader.ReadToEnd();
    });

    /// <summary>Scores one aligned input; see score_metric.py for the fields each kind reads.</summary>
    /// <exception cref="FormatException">scikit-learn refused the values; the message says why.</exception>
    /// <exception cref="InvalidOperationException">Python could not run the script (missing, crashed or too slow).</exception>
    public static double Score(IReadOnlyDictionary<string, object?> input)
    {
        // -I: isolated, so no PYTHON* variable, user site or working-folder module can change what runs.
        var start = new ProcessStartInfo(PythonPath)
        {
            ArgumentList = { "-I", "-c", Script.Value },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{PythonPath} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using (var stdin = process.StandardInput)
        {
            JsonSerializer.Serialize(stdin.BaseStream, input);
        }

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"scoring with scikit-learn took longer than {Timeout.TotalMinutes:0} minutes.");
        }

        var answer = output.GetAwaiter().GetResult();
        var stderr = errors.GetAwaiter().GetResult();
        if (process.ExitCode is not (0 or ValueProblemExitCode))
        {
            throw new InvalidOperationException($"scoring with scikit-learn failed (exit code {process.ExitCode}): {Last(stderr)}");
        }

        using var json = JsonDocument.Parse(answer);
        return process.ExitCode == 0
            ? json.RootElement.GetProperty("score").GetDouble()
            : throw new FormatException($"{input["metric"]}: {json.RootElement.GetProperty("error").GetString()}");
    }

    private static string Last(string stderr) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no error output";
}
