namespace Linguacodus.Core.Runs;

public enum RunStatus
{
    Planning,
    AwaitingChoice,
    Coding,
    Executing,
    Succeeded,
    Failed,
    Stopped,

    /// <summary>The process working on the run died or shut down mid-step; <see cref="RunSnapshot.InterruptedStep"/> says which step resumes.</summary>
    Interrupted,
}
