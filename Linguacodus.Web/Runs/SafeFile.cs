namespace Linguacodus.Web.Runs;

/// <summary>What the app may read out of a run folder and hand to a browser.</summary>
public static class SafeFile
{
    /// <summary>
    /// A non-empty regular file, looked at without following a link: no symlink (to anywhere), and no FIFO, socket or
    /// device, which .NET cannot tell from a file without opening it (and opening a FIFO blocks) but which all have a
    /// size of 0.
    /// </summary>
    public static bool IsRegular(FileInfo file)
    {
        file.Refresh();
        return file.Exists && file.LinkTarget is null && file.Length > 0
            && (file.Attributes & (FileAttributes.ReparsePoint | FileAttributes.Device | FileAttributes.Directory)) == 0;
    }
}
