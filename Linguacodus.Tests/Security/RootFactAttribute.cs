namespace Linguacodus.Tests.Security;

/// <summary>
/// A fact that needs root: only root can switch a program to another user, and only another user makes the kernel
/// count its processes (CI runs as root; a developer's unprivileged run skips these).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "Needs root: the sandbox switches to its own user only when the app runs as root.";
        }
    }
}
