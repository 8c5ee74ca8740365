namespace Linguacodus.Core.Execution;

/// <summary>
/// Files the sandbox needs from the host, in one folder per app process that every user can reach: the cell runner
/// (bound read-only into each sandbox) and empty mount points for a root app's hand-over of the work folder and the
/// task's data.
/// </summary>
internal sealed class SandboxRuntime
{
    private static readonly Lazy<SandboxRuntime> Shared = new(Create);

    private SandboxRuntime(string directory)
    {
        Directory = directory;
    }

    public static SandboxRuntime Instance => Shared.Value;

    public string Directory { get; }

    public string Runner => Path.Combine(Directory, "run_cells.py");

    public string MountPoint => Path.Combine(Directory, "job");

    public string DataMountPoint => Path.Combine(Directory, "data");

    private static SandboxRuntime Create()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The sandbox needs Linux (bubblewrap).");
        }
        // A fresh random name (created 0700, never an existing path a local user could have planted), then opened up.
        var directory = System.IO.Directory.CreateTempSubdirectory("linguacodus-sandbox-");
        var runtime = new SandboxRuntime(directory.FullName);
        using (var resource = typeof(SandboxRuntime).Assembly.GetManifestResourceStream("Linguacodus.Core.Execution.run_cells.py")
            ?? throw new InvalidOperationException("run_cells.py is missing from the assembly."))
        using (var file = File.Create(runtime.Runner))
        {
            resource.CopyTo(file);
        }
        var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var open = readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(runtime.Runner, readable);
        File.SetUnixFileMode(System.IO.Directory.CreateDirectory(runtime.MountPoint).FullName, open);
        File.SetUnixFileMode(System.IO.Directory.CreateDirectory(runtime.DataMountPoint).FullName, open);
        File.SetUnixFileMode(directory.FullName, open);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder; harmless.
            }
        };
        return runtime;
    }
}
