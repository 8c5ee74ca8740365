using Linguacodus.Core.Execution;

namespace Linguacodus.Tests.Security;

/// <summary>A fact that needs root and the first two execution slots' own sandbox users (scripts/setup.sh creates them).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SlotUsersFactAttribute : FactAttribute
{
    public SlotUsersFactAttribute()
    {
        var missing = Enumerable.Range(0, 2).Select(i => SandboxIdentity.SlotUser(ExecutionOptions.DefaultSandboxUser, i)!)
            .Where(name => SandboxIdentity.Resolve(name).Identity is null).ToList();
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "Needs root: the sandbox switches to its slot's user only when the app runs as root.";
        }
        else if (missing.Count > 0)
        {
            Skip = $"The sandbox users {string.Join(", ", missing)} do not exist; run scripts/setup.sh to create them.";
        }
    }
}
