using Linguacodus.Core.Execution;
using Microsoft.Extensions.Options;

namespace Linguacodus.Tests.Infrastructure;

/// <summary>Tests of the real sandbox: a private work folder per test, a sandbox with the test's limits, and a way to run code in it.</summary>
public abstract class SandboxTest : IDisposable
{
    protected DirectoryInfo Work { get; } = Directory.CreateTempSubdirectory("linguacodus-sandbox-");

    private protected static BubblewrapSandbox Sandbox(Action<ExecutionOptions>? configure = null, params string[] extraBubblewrapArguments)
    {
        var options = new ExecutionOptions();
        configure?.Invoke(options);
        return new BubblewrapSandbox(Options.Create(options), extraBubblewrapArguments);
    }

    /// <summary>Runs <paramref name="code"/> as main.py in the work folder, collecting every line it prints.</summary>
    private protected Task<(ExecutionResult Result, List<OutputLine> Lines)> RunAsync(string code, BubblewrapSandbox? sandbox = null) =>
        RunAsync(code, SandboxInputs.None, sandbox);

    /// <summary>Runs <paramref name="code"/> as main.py in the work folder with <paramref name="inputs"/> bound beside it.</summary>
    private protected async Task<(ExecutionResult Result, List<OutputLine> Lines)> RunAsync(string code, SandboxInputs inputs, BubblewrapSandbox? sandbox = null)
    {
        var script = Path.Combine(Work.FullName, "main.py");
        await File.WriteAllTextAsync(script, code);
        var lines = new List<OutputLine>();
        var result = await (sandbox ?? Sandbox()).RunAsync(Work.FullName, script, inputs, line => { lock (lines) { lines.Add(line); } }, CancellationToken.None);
        return (result, lines);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Work.Delete(recursive: true);
        }
    }
}
