using System.Globalization;

namespace Linguacodus.Core.Execution;

/// <summary>The unprivileged user and group a root app runs programs as.</summary>
internal sealed record SandboxIdentity(int Uid, int Gid, string Name)
{
    /// <summary>
    /// Resolves <see cref="ExecutionOptions.SandboxUser"/>: a user name from /etc/passwd (its primary group), or
    /// "uid" / "uid:gid" for an account that needs no entry. Root (uid or gid 0) is refused.
    /// </summary>
    public static (SandboxIdentity? Identity, string? Problem) Resolve(string? user, string passwdFile = "/etc/passwd")
    {
        var spec = (user ?? "").Trim();
        if (spec.Length == 0)
        {
            return (null, "The app runs as root and no sandbox user is set (Execution:SandboxUser); programs are refused because process limits do not apply to root.");
        }
        if (IsNumeric(spec))
        {
            var parts = spec.Split(':');
            var uid = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var gid = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : uid;
            return Checked(new SandboxIdentity(uid, gid, spec));
        }
        if (File.Exists(passwdFile))
        {
            foreach (var line in File.ReadLines(passwdFile))
            {
                var fields = line.Split(':');
                if (fields.Length >= 4 && fields[0] == spec
                    && int.TryParse(fields[2], CultureInfo.InvariantCulture, out var uid)
                    && int.TryParse(fields[3], CultureInfo.InvariantCulture, out var gid))
                {
                    return Checked(new SandboxIdentity(uid, gid, spec));
                }
            }
        }
        return (null, $"The sandbox user '{spec}' does not exist, so generated code will not run (the app runs as root). Run scripts/setup.sh to create it.");
    }

    /// <summary>
    /// The user of execution slot <paramref name="index"/> (0-based): "name-N" for a user name, N = index + 1; null for a
    /// "uid" / "uid:gid" spec, whose programs all run as that one account.
    /// </summary>
    public static string? SlotUser(string? user, int index)
    {
        var spec = (user ?? "").Trim();
        return spec.Length == 0 || IsNumeric(spec) ? null : $"{spec}-{index + 1}";
    }

    private static bool IsNumeric(string spec) =>
        spec.Split(':') is { Length: <= 2 } parts && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _));

    private static (SandboxIdentity?, string?) Checked(SandboxIdentity identity) =>
        identity.Uid <= 0 || identity.Gid <= 0
            ? (null, $"The sandbox user '{identity.Name}' is root (uid {identity.Uid}, gid {identity.Gid}); it must be an unprivileged account.")
            : (identity, null);
}
