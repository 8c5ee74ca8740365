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
}
