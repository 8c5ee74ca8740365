namespace Linguacodus.Core.Execution;

/// <summary>Runs untrusted Python in isolation. A cluster runner can replace the local implementation.</summary>
public interface ICodeSandbox
{
    /// <summary>Null when programs can run here; otherwise why not, in words an operator can act on.</summary>
    Task<string?> CheckAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="scriptFile"/> (a file inside <paramref name="workDirectory"/>) with that folder as its only
    /// writable place and <paramref name="inputs"/> readable, not writable, beside it under their own names.
    /// </summary>
    Task<ExecutionResult> RunAsync(
        string workDirectory, string scriptFile, SandboxInputs inputs, Action<OutputLine> onOutput, CancellationToken cancellationToken);
}
