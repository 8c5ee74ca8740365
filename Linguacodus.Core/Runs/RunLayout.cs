using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Runs;

/// <summary>
/// The files of one run's folder, wherever it lives (the data directory's runs/ for the web app, --out for solve):
/// task/ (its own copy of the task), work/ (the sandbox's folder), branches/candidate-N/ (compared candidates,
/// each a run folder of its own), the artifacts, and the lock a working process holds.
/// </summary>
public sealed record RunLayout
{
    public const string DocumentName = "run.json";
    public const string NotebookName = "solution.ipynb";
    public const string ScriptName = "solution.py";
    public const string SubmissionName = "submission.csv";
    public const string LockName = "run.lock";

    public RunLayout(string root) => Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    /// <summary>Absolute path of the run's folder.</summary>
    public string Root { get; }

    /// <summary>The run's own copy of its task folder.</summary>
    public string Task => Path.Combine(Root, "task");

    /// <summary>The sandbox's writable folder: the program and whatever it writes (the data is read in place from <see cref="Task"/>).</summary>
    public string Work => Path.Combine(Root, "work");

    public string Document => Path.Combine(Root, DocumentName);

    public string Notebook => Path.Combine(Root, NotebookName);

    public string Script => Path.Combine(Root, ScriptName);

    public string Submission => Path.Combine(Root, SubmissionName);

    public string Lock => Path.Combine(Root, LockName);

    /// <summary>The program as the sandbox runs it.</summary>
    public string WorkScript => Path.Combine(Work, ScriptName);

    /// <summary>The submission as the program writes it.</summary>
    public string WorkSubmission => Path.Combine(Work, SubmissionName);

    /// <summary>
    /// Takes the folder's exclusive lock, held until disposed; null when another process (or step) holds it. The
    /// kernel drops the lock when the process dies, however it dies.
    /// </summary>
    public FileStream? TryLock()
    {
        try
        {
            Directory.CreateDirectory(Root);
            // FileShare.None takes an exclusive advisory lock (flock) on Unix.
            return new FileStream(Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether a live process (this one included) holds the folder's lock.</summary>
    public bool IsLockedElsewhere()
    {
        if (!Directory.Exists(Root))
        {
            return false;
        }
        using var held = TryLock();
        return held is null;
    }

    /// <summary>The folder of a compared candidate's branch (1-3), laid out as a run folder.</summary>
    public RunLayout Branch(int candidate) => new(Path.Combine(Root, "branches", $"candidate-{candidate}"));

    /// <summary>
    /// Copies a task folder's description and the entries a run reads into this run's task/ folder, so the run keeps its own data
    /// whatever happens to the source, and loads the copy. With <paramref name="move"/> the files are moved instead:
    /// only for the app's own staging folder of an upload, which is discarded afterwards.
    /// </summary>
    public TaskFolder ImportTask(string sourceDirectory, bool move = false)
    {
        var source = TaskFolder.Load(sourceDirectory);
        var target = Directory.CreateDirectory(Task).FullName;
        source.Layout.CopyInputsTo(target, setAsideTables: true, move);
        var description = Path.Combine(source.Directory, TaskFolder.TaskFileName);
        if (move)
        {
            File.Move(description, Path.Combine(target, TaskFolder.TaskFileName), overwrite: true);
        }
        else
        {
            File.Copy(description, Path.Combine(target, TaskFolder.TaskFileName), overwrite: true);
        }
        return TaskFolder.Load(target);
    }
}
