using System.Runtime.CompilerServices;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;
using Linguacodus.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linguacodus.Tests.Integration;

/// <summary>
/// The run service over the real SQLite store and run folders: every stored run opens (whatever happened to its
/// files or document), sessions nobody uses leave memory, a shutdown leaves working runs resumable, and a run made
/// by solve is one like any other.
/// </summary>
public sealed class RunServiceTests : IDisposable
{
    private readonly TestServices _services = new();

    private RunStore Store => _services.Get<RunStore>();

    private RunService Service(ICodeWriter? coder = null, TimeSpan? idleAfter = null) => new(
        new RunPipeline(coder is null ? BaselineEngine.Create() : BaselineEngine.Create() with { Coder = coder }, _services.Get<ICodeSandbox>(), new ExecutionOptions { MaxFixes = 0 }),
        Store, _services.Get<RunFolders>(), _services.Get<ExecutionSlots>(), TimeProvider.System, NullLogger<RunService>.Instance)
    {
        IdleAfter = idleAfter ?? TimeSpan.FromMinutes(30),
    };

    [Fact]
    public async Task Recover_ActiveRunWhoseFolderIsGone_DoesNotThrowAndTheRunSaysItsFilesAreMissing()
    {
        var gone = Path.Combine(Path.GetTempPath(), "linguacodus-gone-" + Guid.NewGuid().ToString("N"));
        var stored = RunSnapshot.Start(Guid.NewGuid(), new MlTask("Gone", "a task", "tabular", "rmse", "", ""), "baseline") with { Status = RunStatus.Executing };
        await Store.SaveAsync(stored, gone, CancellationToken.None);
        await using var service = Service();

        await service.RecoverInterruptedAsync(CancellationToken.None);
        var session = await service.SessionAsync(stored.Id);

        Assert.NotNull(session);
        Assert.Contains("files are missing", session.Problem, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, session.Run.Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.ResumeAsync(stored.Id));
        await service.DeleteAsync(stored.Id);
        Assert.Empty(await service.ListAsync());
    }

    [Fact]
    public async Task Session_StoredDocumentIsCorrupt_OpensWithAProblemAndCanBeDeleted()
    {
        var stored = RunSnapshot.Start(Guid.NewGuid(), new MlTask("Damaged", "a task", "tabular", "rmse", "", ""), "baseline");
        await Store.SaveAsync(stored, _services.Get<RunFolders>().For(stored.Id).Root, CancellationToken.None);
        await using (var db = await _services.Get<IDbContextFactory<LinguacodusDbContext>>().CreateDbContextAsync(CancellationToken.None))
        {
            await db.Runs.Where(r => r.Id == stored.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.Document, "{\"id\": tru"), CancellationToken.None);
        }
        await using var service = Service();

        var session = await service.SessionAsync(stored.Id);

        Assert.NotNull(session);
        Assert.Contains("cannot be read", session.Problem, StringComparison.Ordinal);
        Assert.Equal("Damaged", session.Run.Task.Title);
        Assert.Single(await service.ListAsync());
        await service.DeleteAsync(stored.Id);
        Assert.Empty(await service.ListAsync());
    }

    [Fact]
    public async Task Solve_OutFolderOutsideTheDataDirectory_IsStoredThereServedFromThereAndKeptOnDelete()
    {
        var outDirectory = Directory.CreateTempSubdirectory("linguacodus-solve-out-").FullName;
        try
        {
            await using var service = Service();

            var run = await service.SolveAsync(Repository.Example("breast-cancer"), outDirectory, SolveChoice.Auto, _ => { }, CancellationToken.None);

            Assert.True(run.Status == RunStatus.Succeeded, run.Message);
            await using var web = Service();
            var layout = await web.LayoutAsync(run.Id);
            Assert.Equal(new RunLayout(outDirectory).Root, layout?.Root);
            Assert.True(File.Exists(layout!.Submission));
            // The program read the run's copy of the data in place: its folder holds what it wrote, no data.
            Assert.DoesNotContain(TaskFolder.Load(layout.Task).Layout.Inputs, f => Path.Exists(Path.Combine(layout.Work, f.Name)));
            await web.DeleteAsync(run.Id);
            Assert.Null(await web.GetAsync(run.Id));
            Assert.True(File.Exists(Path.Combine(outDirectory, RunLayout.SubmissionName)), "the analyst's --out folder stays");
        }
        finally
        {
            Directory.Delete(outDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_FromAnUploadFolder_MovesItsFilesIntoTheRun_AnAnalystsFolderIsCopied()
    {
        var example = Repository.Example("diabetes-progression");
        var upload = _services.Get<RunFolders>().NewUpload();
        foreach (var file in Directory.GetFiles(example))
        {
            File.Copy(file, Path.Combine(upload, Path.GetFileName(file)));
        }
        await using var service = Service();

        var moved = (await service.SessionAsync(await service.StartAsync(upload, moveFiles: true)))!;
        var copied = (await service.SessionAsync(await service.StartAsync(example)))!;
        await AppServices.WaitUntilIdleAsync(moved);
        await AppServices.WaitUntilIdleAsync(copied);

        Assert.Empty(Directory.GetFiles(upload));
        Assert.Equal(Directory.GetFiles(example).Length, Directory.GetFiles(moved.Layout.Task).Length);
        Assert.Equal(File.ReadAllText(Path.Combine(example, "train.csv")), File.ReadAllText(Path.Combine(moved.Layout.Task, "train.csv")));
        Assert.True(File.Exists(Path.Combine(example, "train.csv")), "an analyst's folder keeps its files");
        Assert.Equal(copied.Run.Profile!.TrainRows, moved.Run.Profile!.TrainRows);
    }

    [Fact]
    public async Task Correct_TargetNamedByTheAnalyst_StartsANewRunWhoseTaskJsonHoldsIt()
    {
        await using var service = Service();
        var firstId = await service.StartAsync(Repository.Example("diabetes-progression"));
        var first = (await service.SessionAsync(firstId))!;
        await AppServices.WaitUntilIdleAsync(first);

        var correctedId = await service.CorrectAsync(firstId, TaskHints.None with { Targets = ["bmi"] });
        var corrected = (await service.SessionAsync(correctedId))!;
        await AppServices.WaitUntilIdleAsync(corrected);

        Assert.NotEqual("bmi", first.Run.Profile!.TargetColumn);
        Assert.Equal("bmi", corrected.Run.Profile!.TargetColumn);
        Assert.Equal(["bmi"], TaskFolder.Load(corrected.Layout.Task).Hints.Targets);
        Assert.Equal(2, (await service.ListAsync()).Count);
    }

    [Fact]
    public async Task Correct_RolesThatMakeNoTask_AreRefusedAndLeaveNoRun()
    {
        await using var service = Service();
        var firstId = await service.StartAsync(Repository.Example("diabetes-progression"));
        await AppServices.WaitUntilIdleAsync((await service.SessionAsync(firstId))!);
        var runsFolder = Path.GetDirectoryName(_services.Get<RunFolders>().For(firstId).Root)!;

        var refused = await Assert.ThrowsAsync<TaskFolderException>(() => service.CorrectAsync(
            firstId, TaskHints.None with { Roles = new Dictionary<string, FileRole> { ["train.csv"] = FileRole.Ignored } }));

        Assert.Contains("training rows", refused.Problem, StringComparison.Ordinal);
        Assert.Single(await service.ListAsync());
        Assert.Single(Directory.EnumerateDirectories(runsFolder));
    }

    [Fact]
    public async Task Sessions_IdleAndUnwatched_AreDroppedFromMemoryAndReopenFromTheStore()
    {
        await using var service = Service(idleAfter: TimeSpan.Zero);
        var watchedId = await service.StartAsync(Repository.Example("breast-cancer"));
        var watched = (await service.SessionAsync(watchedId))!;
        await AppServices.WaitUntilIdleAsync(watched);
        watched.Updated += Ignore;
        var idleId = await service.StartAsync(Repository.Example("diabetes-progression"));
        var idle = (await service.SessionAsync(idleId))!;
        await AppServices.WaitUntilIdleAsync(idle);

        // Opening any run sweeps: the idle one goes, the watched one stays.
        var again = await service.SessionAsync(watchedId);
        Assert.Same(watched, again);
        Assert.Equal(1, service.LiveSessions);
        var reopened = await service.SessionAsync(idleId);
        Assert.NotSame(idle, reopened);
        Assert.Equal(idle.Run.Candidates, reopened!.Run.Candidates);
        Assert.Equal(RunStatus.AwaitingChoice, reopened.Run.Status);
        watched.Updated -= Ignore;

        static void Ignore(RunUpdate update)
        {
        }
    }

    [Fact]
    public async Task Shutdown_WhileCoding_LeavesTheRunInterruptedAndResumableByTheNextProcess()
    {
        var coder = new BlockingCodeWriter();
        Guid id;
        await using (var service = Service(coder))
        {
            id = await service.StartAsync(Repository.Example("breast-cancer"));
            var session = (await service.SessionAsync(id))!;
            await AppServices.WaitUntilIdleAsync(session);
            await service.ChooseAsync(id, 1);
            await coder.Started.Task.WaitAsync(TimeSpan.FromMinutes(2));

            await service.ShutdownAsync(CancellationToken.None);

            Assert.False(session.IsBusy);
            Assert.Equal(RunStatus.Interrupted, session.Run.Status);
            await Assert.ThrowsAsync<InvalidOperationException>(() => service.ChooseAsync(id, 2));
        }

        await using var next = Service(coder);
        var stored = (await next.SessionAsync(id))!;
        Assert.Equal(RunStatus.Interrupted, stored.Run.Status);
        Assert.Equal(RunStatus.Coding, stored.Run.InterruptedStep);
        Assert.Equal("interrupted", Assert.Single(await next.ListAsync()).Status);
        coder.Block = false;
        await next.ResumeAsync(id);
        await AppServices.WaitUntilIdleAsync(stored);
        Assert.NotEqual(RunStatus.Interrupted, stored.Run.Status);
        Assert.Equal(CodeStages.All.Count, stored.Run.Stages.Count);
    }

    [Fact]
    public async Task Step_RunAlreadyBusy_IsRefusedAtOnce()
    {
        var coder = new BlockingCodeWriter();
        await using var service = Service(coder);
        var id = await service.StartAsync(Repository.Example("breast-cancer"));
        await AppServices.WaitUntilIdleAsync((await service.SessionAsync(id))!);
        await service.ChooseAsync(id, 1);

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => service.ChooseAsync(id, 2));
        var delete = await Assert.ThrowsAsync<InvalidOperationException>(() => service.DeleteAsync(id));

        Assert.Contains("busy", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("still working", delete.Message, StringComparison.Ordinal);
        await service.StopAsync(id);
    }

    public void Dispose() => _services.Dispose();

    /// <summary>Writes the first stage only when <see cref="Block"/> is off; otherwise waits until it is cancelled.</summary>
    private sealed class BlockingCodeWriter : ICodeWriter
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Block { get; set; } = true;

        public async IAsyncEnumerable<string> WriteStageAsync(CodeRequest request, CodeStage stage, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            if (Block)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            yield return $"# {stage.Slug()}\n";
        }

        public Task<IReadOnlyDictionary<CodeStage, string>?> FixAsync(
            CodeRequest request, IReadOnlyDictionary<CodeStage, string> stages, string errorOutput, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<CodeStage, string>?>(null);
    }
}
