using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Execution;
using Linguacodus.Core.Persistence;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Fakes;
using Linguacodus.Tests.Infrastructure;
using Linguacodus.Tests.Web.EndToEnd;

namespace Linguacodus.Tests.Security;

/// <summary>
/// The real web binary over a data folder seeded with what an attacker can leave behind: a finished run whose model
/// text, code, program output, CSV headers and title are HTML and script; a run a crash cut short mid-program;
/// run folders holding symlinks to /etc/passwd and to the database. The app starts once the seed is in place.
/// </summary>
public sealed class HostileAppFixture : WebAppFixture
{
    /// <summary>Each payload sets window.__xss (or calls alert) if it ever runs; the tests check that it never does.</summary>
    public static readonly string[] Payloads =
    [
        "<script>window.__xss = 'script';</script>",
        "<img src=x onerror=\"window.__xss = 'img'; alert('img')\">",
        "<a href=\"javascript:window.__xss = 'link'\">click me</a>",
        "<svg onload=\"window.__xss = 'svg'\"></svg>",
        "[markdown link](javascript:window.__xss='md') **bold**",
    ];

    private readonly string _outside = Directory.CreateTempSubdirectory("linguacodus-outside-").FullName;

    /// <summary>A finished run full of payloads, with real artifacts.</summary>
    public Guid HostileRun { get; } = Guid.NewGuid();

    /// <summary>A run stored as running, whose program a crash cut short.</summary>
    public Guid InterruptedRun { get; private set; }

    /// <summary>A run folder whose artifacts are symlinks to /etc/passwd and the database.</summary>
    public Guid PlantedLinks { get; } = Guid.NewGuid();

    /// <summary>A run folder that is itself a symlink to a folder outside the data folder.</summary>
    public Guid LinkedFolder { get; } = Guid.NewGuid();

    /// <summary>Seeds the runs into the data folder, then starts the app on it.</summary>
    public override async Task InitializeAsync()
    {
        await SeedAsync();
        await base.InitializeAsync();
    }

    private async Task SeedAsync()
    {
        using var services = new TestServices(dataDirectory: DataDirectory);
        var store = services.Get<RunStore>();
        var folders = services.Get<RunFolders>();

        // A task whose CSV headers and fields are payloads.
        var source = Directory.CreateTempSubdirectory("linguacodus-hostile-task-").FullName;
        await File.WriteAllTextAsync(Path.Combine(source, "train.csv"),
            "id,\"<img src=x onerror=alert('header')>\",<script>window.__xss='header'</script>,target\n"
            + string.Concat(Enumerable.Range(1, 40).Select(i => $"{i},{i * 0.5},{i % 7},{i % 2}\n")));
        await File.WriteAllTextAsync(Path.Combine(source, "test.csv"),
            "id,\"<img src=x onerror=alert('header')>\",<script>window.__xss='header'</script>\n"
            + string.Concat(Enumerable.Range(41, 10).Select(i => $"{i},{i * 0.5},{i % 7}\n")));
        var task = TaskFolder.Create(source, new MlTask(
            "Hostile " + Payloads[0], string.Join(" ", Payloads), "tabular", "roc_auc", Payloads[1], Payloads[2]));
        var folder = folders.For(HostileRun).Root;
        var imported = new RunLayout(folder).ImportTask(task.Directory);
        var profile = DataProfiler.Profile(imported, ["target"]);
        RunUpdate[] updates =
        [
            new RunUpdate.ProfileReady(profile),
            new RunUpdate.CandidateText(1, "## Data Preprocessing\n" + Payloads[0]),
            new RunUpdate.CandidateText(2, "## Model Architecture\n" + Payloads[1]),
            new RunUpdate.CandidateText(3, "## Model Training\n" + Payloads[4]),
            new RunUpdate.CritiqueText(string.Join("\n", Payloads)),
            new RunUpdate.VerdictReady(new Verdict(2, Payloads[3], "Improved: " + Payloads[1])),
            new RunUpdate.InstructionChosen(2, Payloads[2]),
            .. CodeStages.All.Select(s => new RunUpdate.StageText(s, $"# {Payloads[0]}\nprint(\"</script><script>window.__xss='code'</script>\")\n")),
            new RunUpdate.AttemptStarted(1, AttemptTrigger.Generated),
            .. Payloads.Select((p, i) => new RunUpdate.OutputReceived(new OutputLine(p, i % 2 == 1, 1))),
            new RunUpdate.AttemptFinished(0, null, 0.9, TimeSpan.FromSeconds(1)),
            new RunUpdate.StatusChanged(RunStatus.Succeeded, "Validation " + Payloads[1]),
        ];
        var run = updates.Aggregate(RunSnapshot.Start(HostileRun, imported.Task, "baseline"), (r, u) => u.ApplyTo(r));
        await File.WriteAllTextAsync(Path.Combine(folder, "submission.csv"), "id,target\n" + Payloads[0] + ",1\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "solution.py"), ProgramAssembler.Assemble(run.Task.Title, run.Stages));
        await File.WriteAllTextAsync(Path.Combine(folder, "solution.ipynb"), NotebookWriter.Write(run, run.Attempts[^1]));
        await File.WriteAllTextAsync(Path.Combine(folder, "run.json"), RunJson.Serialize(run));
        await store.SaveAsync(run, folder, CancellationToken.None);
        Directory.Delete(source, recursive: true);

        InterruptedRun = await SeedInterruptedAsync(services, store, folders);

        // Artifacts a program (or anyone with the folder) replaced by symlinks.
        var planted = Directory.CreateDirectory(folders.For(PlantedLinks).Root).FullName;
        File.CreateSymbolicLink(Path.Combine(planted, "submission.csv"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(planted, "run.json"), Path.Combine("..", "..", "linguacodus.db"));
        File.CreateSymbolicLink(Path.Combine(planted, "solution.py"), "/proc/self/environ");
        // A run folder that leads elsewhere.
        await File.WriteAllTextAsync(Path.Combine(_outside, "solution.py"), "outside the data folder");
        Directory.CreateSymbolicLink(folders.For(LinkedFolder).Root, _outside);
    }

    /// <summary>A real run (plan, code, run) whose stored state is then put back to "its program is running", as a kill -9 leaves it.</summary>
    private static async Task<Guid> SeedInterruptedAsync(TestServices services, RunStore store, RunFolders folders)
    {
        var stages = new Dictionary<CodeStage, string>
        {
            [CodeStage.Preprocessing] = "import json",
            [CodeStage.Architecture] = "model = None",
            [CodeStage.Training] = "print('resumed program ran')\nprint('LINGUACODUS_VALIDATION ' + json.dumps({'score': 0.75}))",
            [CodeStage.Submission] = "import shutil\nshutil.copy('sample_submission.csv', 'submission.csv')",
        };
        var pipeline = new RunPipeline(BaselineEngine.Create() with { Name = "scripted", Coder = new ScriptedCodeWriter(s => stages[s], _ => null) },
            services.Get<ICodeSandbox>(), new ExecutionOptions { MaxFixes = 0 });
        var id = Guid.NewGuid();
        var folder = folders.For(id).Root;
        var task = new RunLayout(folder).ImportTask(Repository.Example("breast-cancer"));
        using (var session = new RunSession(RunSnapshot.Start(id, task.Task, "baseline"), new RunLayout(folder), task, pipeline, store))
        {
            await session.PlanAsync(null, CancellationToken.None);
            await session.ChooseAsync(1, null, CancellationToken.None);
            var run = session.Run;
            var last = run.Attempts[^1];
            var cut = run with
            {
                Status = RunStatus.Executing,
                Message = "Running the program in the sandbox",
                Attempts = run.Attempts.SetItem(run.Attempts.Count - 1, last with { ExitCode = null, Error = null, Score = null, Duration = null, Log = [] }),
            };
            await store.SaveAsync(cut, folder, CancellationToken.None);
        }
        File.Delete(Path.Combine(folder, "submission.csv"));
        return id;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_outside, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
