using System.Diagnostics;
using Linguacodus.Core.Runs;
using Linguacodus.Tests.Infrastructure;
using Linguacodus.Tests.Web;
using Microsoft.Data.Sqlite;

namespace Linguacodus.Tests.Integration;

/// <summary>
/// The data folder is a small tmpfs of its own, filled to the last byte while a run works: the run ends saying its
/// result could not be saved (not a hang, not a crash), the database stays whole, and once space is free again the
/// next process lists the run as it was last saved and the run goes on to a submission.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class DiskFullTests : IDisposable
{
    private readonly string _mount = Directory.CreateTempSubdirectory("linguacodus-full-").FullName;

    public DiskFullTests() => Mount("-t", "tmpfs", "-o", "size=24m", "tmpfs", _mount);

    [Fact]
    public async Task Choose_DiskFillsUp_RunFailsSayingSoAndAfterSpaceIsFreedItIsListedAndCompletes()
    {
        var data = Directory.CreateDirectory(Path.Combine(_mount, "data")).FullName;
        var filler = Path.Combine(_mount, "filler");
        Guid id;
        using (var services = new TestServices(dataDirectory: data))
        {
            var service = services.Get<RunService>();
            id = await service.StartAsync(Repository.Example("diabetes-progression"));
            var session = (await service.SessionAsync(id))!;
            await AppServices.WaitUntilIdleAsync(session);
            Assert.Equal(RunStatus.AwaitingChoice, session.Run.Status);

            FillUp(filler);
            await service.ChooseAsync(id, 1);
            await AppServices.WaitUntilIdleAsync(session);

            Assert.Equal(RunStatus.Failed, session.Run.Status);
            Assert.StartsWith("The run's result could not be saved:", session.Run.Message, StringComparison.Ordinal);
            Assert.False(session.IsBusy, "a failed save leaves the run free for the next action");
        }

        File.Delete(filler);
        using (var services = new TestServices(dataDirectory: data))
        {
            var service = services.Get<RunService>();
            Assert.Equal("ok", Database.IntegrityCheck(Path.Combine(data, Linguacodus.Core.Persistence.LinguacodusDbContext.FileName)));
            await service.RecoverInterruptedAsync(CancellationToken.None);
            var listed = Assert.Single(await service.ListAsync());
            Assert.Equal(id, listed.Id);
            var session = (await service.SessionAsync(id))!;
            Assert.Null(session.Problem);
            Assert.True(session.Run.Status is RunStatus.AwaitingChoice or RunStatus.Interrupted, $"stored as {session.Run.StatusText}");

            await (session.Run.IsInterrupted ? service.ResumeAsync(id) : service.ChooseAsync(id, 1));
            await AppServices.WaitUntilIdleAsync(session);

            Assert.True(session.Run.Status == RunStatus.Succeeded, session.Run.Message);
            Assert.True(File.Exists(session.Layout.Submission));
        }
    }

    /// <summary>Writes until the file system has no byte left.</summary>
    private static void FillUp(string path)
    {
        using var file = File.Create(path);
        var block = new byte[1 << 16];
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // No space left on device: what the run now meets.
        }
    }

    private static void Mount(params string[] arguments)
    {
        var start = new ProcessStartInfo("mount") { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var mount = Process.Start(start)!;
        var error = mount.StandardError.ReadToEnd();
        mount.WaitForExit();
        Assert.True(mount.ExitCode == 0, $"This test needs to mount a small tmpfs (as root): mount {string.Join(' ', arguments)}: {error}");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        using (var umount = Process.Start("umount", ["-l", _mount]))
        {
            umount.WaitForExit();
        }
        Directory.Delete(_mount, recursive: true);
    }
}
