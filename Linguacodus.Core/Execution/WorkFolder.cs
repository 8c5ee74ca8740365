using System.Diagnostics;

namespace Linguacodus.Core.Execution;

/// <summary>
/// The sandbox's writable folder, as the app sees it after a program has run. A program can leave symlinks there
/// (to /etc/shadow, to the app's database) or FIFOs; the app later reads and writes that folder with its own rights
/// (root, possibly), so everything but regular files and folders is removed before the app touches it again.
/// </summary>
public static class WorkFolder
{
    /// <summary>System trees a root app must never give to the sandbox user (a program could then write there).</summary>
    private static readonly string[] SystemTrees =
    [
        "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/run", "/sbin", "/sys", "/usr",
        "/var/lib", "/var/log", "/var/spool", "/var/cache", "/var/mail", "/snap",
    ];

    /// <summary>
    /// Why a root app must not make <paramref name="directory"/> the sandbox user's (it becomes the program's,
    /// writable from inside): the file system root, a system tree, a home folder itself, or a symlink. Null when it may.
    /// </summary>
    public static string? HandOverProblem(string directory)
    {
        var path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (path.Length <= 1 || new DirectoryInfo(path).LinkTarget is not null)
        {
            return $"{directory} cannot be the sandbox's working folder: it is the file system root or a symlink.";
        }
        if (SystemTrees.Any(t => path == t || path.StartsWith(t + "/", StringComparison.Ordinal))
            || path is "/root" or "/home" or "/var" or "/opt" or "/srv" or "/mnt" or "/media" or "/tmp" or "/var/tmp"
            || Path.GetDirectoryName(path) == "/home")
        {
            return $"{directory} cannot be the sandbox's working folder: it is a system or home folder, which the program could then change. Use a fresh folder of its own.";
        }
        return null;
    }

    /// <summary>Bytes and entries under <paramref name="directory"/> (links not followed), counting stops past <paramref name="maxEntries"/>.</summary>
    public static (long Bytes, int Entries) Measure(string directory, int maxEntries)
    {
        long bytes = 0;
        var entries = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        try
        {
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options))
            {
                entries++;
                if (entry is FileInfo { LinkTarget: null } file)
                {
                    bytes += file.Length;
                }
                if (entries > maxEntries)
                {
                    break;
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Entries vanish while a program runs; what was counted stands.
        }
        return (bytes, entries);
    }

    /// <summary>
    /// Removes the empty files and folders bubblewrap made in <paramref name="directory"/> as mount points for the
    /// task's data entries <paramref name="names"/>. The program cannot have written there (the data covered those
    /// names while it ran); only empty entries go, so whatever was there before the run stays.
    /// </summary>
    public static void RemovePlaceholders(string directory, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            var path = Path.Combine(directory, name);
            try
            {
                if (new FileInfo(path) is { Exists: true, LinkTarget: null, Length: 0 })
                {
                    File.Delete(path);
                }
                else if (new DirectoryInfo(path) is { Exists: true, LinkTarget: null } folder && !folder.EnumerateFileSystemInfos().Any())
                {
                    folder.Delete();
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Still held by a mount that has not gone yet; an empty entry is harmless and goes after the next run.
            }
        }
    }

    /// <summary>Removes symlinks, FIFOs, sockets and devices under <paramref name="directory"/>, following no link.</summary>
    /// <remarks>.NET cannot tell a FIFO from a file without opening it (which blocks), so find(1) does the job.</remarks>
    public static async Task RemoveSpecialFilesAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory) || new DirectoryInfo(directory).LinkTarget is not null)
        {
            return;
        }
        var find = new ProcessStartInfo("/usr/bin/find")
        {
            ArgumentList = { "-P", directory, "-mindepth", "1", "(", "-type", "l", "-o", "-type", "p", "-o", "-type", "s", "-o", "-type", "b", "-o", "-type", "c", ")", "-delete" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(find) ?? throw new IOException("find could not be started.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new IOException($"Could not clean the sandbox folder {directory}: {(await errors).Trim()}");
        }
    }
}
