namespace Linguacodus.Core.Runs;

/// <summary>Where one compared candidate's branch stands.</summary>
public enum BranchStatus
{
    Running,
    Succeeded,
    Failed,
    Stopped,
}
