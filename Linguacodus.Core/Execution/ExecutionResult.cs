namespace Linguacodus.Core.Execution;

/// <summary>How a sandboxed program ended. <paramref name="LimitMessage"/> says in plain words which limit stopped it.</summary>
public sealed record ExecutionResult(int ExitCode, TimeSpan Duration, string? LimitMessage, bool Stopped)
{
    public bool Succeeded => ExitCode == 0 && LimitMessage is null && !Stopped;
}
