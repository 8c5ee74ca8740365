namespace Linguacodus.Web.Intake;

/// <summary>
/// One file offered to the intake: the name and size its sender declares, and a way to read it at most so far.
/// A browser upload, a file on disk and a test's bytes all look alike here, so the intake needs no Blazor.
/// </summary>
/// <param name="Name">The sender's name for the file; never used as a path.</param>
/// <param name="Size">The size the sender declares; checked first, then counted again on the bytes really read.</param>
/// <param name="OpenRead">Opens the content; the argument is the most bytes the intake will read.</param>
public sealed record IntakeFile(string Name, long Size, Func<long, CancellationToken, Stream> OpenRead)
{
    /// <summary>A file on disk, offered under <paramref name="name"/> (its own name by default).</summary>
    public static IntakeFile FromPath(string path, string? name = null)
    {
        var info = new FileInfo(path);
        return new(name ?? info.Name, info.Length, (_, _) => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true));
    }
}
