using Linguacodus.Core.Execution;

namespace Linguacodus.Core.Tasks;

/// <summary>
/// The files of a task folder with their roles: the one place that knows which names mean training rows, rows to
/// predict, the sample submission, related tables and image folders. Roles named in task.json win; the rest are
/// told from the names, as Kaggle ships them (train.csv, house_train.csv, train/, sample_submission.csv, ...).
/// </summary>
public sealed class TaskLayout
{
    /// <summary>File extensions read as images in an asset folder.</summary>
    public static readonly IReadOnlySet<string> ImageExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp",
    };

    private const string NamedInTaskJson = "named in task.json";

    // A folder is classed by its first entries, so a folder of 100,000 images is not walked to tell its kind.
    private const int FolderSample = 200;

    private TaskLayout(string directory, IReadOnlyList<TaskFile> files)
    {
        Directory = directory;
        Files = files;
    }

    /// <summary>Absolute path of the task folder.</summary>
    public string Directory { get; }

    /// <summary>Every entry but task.json, tables first, in name order within a role.</summary>
    public IReadOnlyList<TaskFile> Files { get; }

    public TaskFile? Train => One(FileRole.Train);

    public TaskFile? Test => One(FileRole.Test);

    public TaskFile? SampleSubmission => One(FileRole.SampleSubmission);

    /// <summary>The single table of an imputation task, whose blank target cells are the rows to predict.</summary>
    public TaskFile? Data => One(FileRole.Data);

    public IEnumerable<TaskFile> Auxiliary => Files.Where(f => f.Role == FileRole.Auxiliary);

    public IEnumerable<TaskFile> ImageFolders => Files.Where(f => f.Role == FileRole.Images);

    /// <summary>The entries a run reads: everything the sandbox is given.</summary>
    public IEnumerable<TaskFile> Inputs => Files.Where(f => f.IsInput);

    /// <summary>The entries a run reads, as the sandbox binds them: read in place, read-only, never copied.</summary>
    public SandboxInputs SandboxInputs => new(Directory, [.. Inputs.Select(f => f.Name)]);

    /// <summary>Absolute path of an entry.</summary>
    public string PathOf(TaskFile file) => Path.Combine(Directory, file.Name);

    /// <summary>
    /// Copies the entries a run reads into <paramref name="target"/> (folders whole), skipping files already there and
    /// no older than their source; or, with <paramref name="move"/>, moves them (for the app's own staging folder only,
    /// never an analyst's folder). With <paramref name="setAsideTables"/>, tables the analyst set aside come too, so a
    /// later correction can use them. The files placed are readable by all and writable by their owner only: a root
    /// app's sandbox user reads them in place, and only reads them.
    /// </summary>
    public void CopyInputsTo(string target, bool setAsideTables = false, bool move = false)
    {
        foreach (var input in Files.Where(f => f.IsInput || (setAsideTables && !f.IsFolder && IsTable(f.Name))))
        {
            var source = PathOf(input);
            if (!input.IsFolder)
            {
                Place(source, Path.Combine(target, input.Name), move);
                continue;
            }
            foreach (var file in new DirectoryInfo(source).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                var copy = Path.Combine(target, input.Name, Path.GetRelativePath(source, file.FullName));
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                Place(file.FullName, copy, move);
            }
        }
    }

    private static void Place(string source, string copy, bool move)
    {
        if (move)
        {
            File.Move(source, copy, overwrite: true);
        }
        else if (!File.Exists(copy) || File.GetLastWriteTimeUtc(copy) < File.GetLastWriteTimeUtc(source))
        {
            File.Copy(source, copy, overwrite: true);
        }
        else
        {
            return;
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    /// <summary>The tables directly in a folder, by name (an upload folder before it has a task.json).</summary>
    public static IEnumerable<string> TablesIn(string directory) =>
        System.IO.Directory.EnumerateFiles(directory).Where(f => IsTable(Path.GetFileName(f))).Order(StringComparer.Ordinal);

    /// <summary>Whether a file name is a table a task may hold (the one rule for what counts as data).</summary>
    public static bool IsTable(string fileName) => fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Works out the roles of a folder's entries.</summary>
    /// <exception cref="TaskFolderException">The roles cannot be told, or task.json names an entry the folder lacks.</exception>
    public static TaskLayout Detect(string directory, TaskHints hints)
    {
        ArgumentNullException.ThrowIfNull(hints);
        var root = Path.GetFullPath(directory);
        var entries = new DirectoryInfo(root).EnumerateFileSystemInfos()
            .Where(e => e.Name != TaskFolder.TaskFileName && !e.Name.StartsWith('.') && e.LinkTarget is null)
            .ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var named in hints.Roles.Keys.Where(n => !entries.ContainsKey(n)))
        {
            throw new TaskFolderException(TaskFolder.TaskFileName, $"its \"files\" field names '{named}', which the folder does not have");
        }

        var files = entries.Values.Select(e => hints.Roles.TryGetValue(e.Name, out var role)
                ? new TaskFile(e.Name, role, e is DirectoryInfo, NamedInTaskJson)
                : Guess(e))
            .ToList();
        SettleTables(files, entries);
        var layout = new TaskLayout(root, [.. files.OrderBy(f => f.Role).ThenBy(f => f.Name, StringComparer.Ordinal)]);
        layout.Check();
        return layout;
    }

    private TaskFile? One(FileRole role) => Files.SingleOrDefault(f => f.Role == role);

    /// <summary>The role a name alone suggests; tables without a telling name are related tables until settled.</summary>
    private static TaskFile Guess(FileSystemInfo entry)
    {
        if (entry is DirectoryInfo folder)
        {
            return HoldsImages(folder)
                ? new TaskFile(entry.Name, FileRole.Images, true, "a folder of images")
                : new TaskFile(entry.Name, FileRole.Ignored, true, "holds no images; only image folders can be used for now (not audio, video or other files)");
        }
        if (!IsTable(entry.Name))
        {
            return new TaskFile(entry.Name, FileRole.Ignored, false, "not a CSV table");
        }

        var (role, reason) = TableRoleOfName(entry.Name);
        return new TaskFile(entry.Name, role, false, reason);
    }

    /// <summary>The role a table's name alone suggests: related table when it says neither train, test nor submission.</summary>
    internal static (FileRole Role, string Reason) TableRoleOfName(string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name).ToLowerInvariant();
        var words = stem.Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        return words switch
        {
            _ when stem.Contains("submission", StringComparison.Ordinal) => (FileRole.SampleSubmission, "its name says submission"),
            _ when words.Any(w => w is "train" or "training") => (FileRole.Train, "its name says train"),
            _ when words.Any(w => w is "test" or "testing") => (FileRole.Test, "its name says test"),
            _ => (FileRole.Auxiliary, "a related table"),
        };
    }

    /// <summary>
    /// Resolves what names alone leave open. Of several tables that all say train (or test), the plain train.csv is the
    /// one, else the largest (summaries_train.csv beside prompts_train.csv), and the test table is the one named like
    /// it; the rest are related tables, and the reason says so, for the analyst to correct. One table and no train/test
    /// pair is an imputation task's data.
    /// </summary>
    private static void SettleTables(List<TaskFile> files, Dictionary<string, FileSystemInfo> entries)
    {
        string? trainName = null;
        foreach (var (role, plain) in new[] { (FileRole.Train, TaskFolder.TrainFileName), (FileRole.Test, TaskFolder.TestFileName), (FileRole.SampleSubmission, TaskFolder.SampleSubmissionFileName) })
        {
            var hinted = files.FirstOrDefault(f => f.Role == role && f.Reason == NamedInTaskJson);
            var guessed = files.Where(f => f.Role == role && f.Reason != NamedInTaskJson).ToList();
            if (guessed.Count == 0 || (hinted is null && guessed.Count == 1))
            {
                trainName ??= role == FileRole.Train ? (hinted ?? guessed.FirstOrDefault())?.Name : null;
                continue;
            }
            var partner = role == FileRole.Test && trainName is not null ? PartnerOf(trainName) : null;
            var main = hinted
                ?? guessed.FirstOrDefault(f => f.Name.Equals(plain, StringComparison.OrdinalIgnoreCase))
                ?? guessed.FirstOrDefault(f => f.Name.Equals(partner, StringComparison.OrdinalIgnoreCase))
                ?? guessed.MaxBy(f => ((FileInfo)entries[f.Name]).Length)!;
            if (main != hinted)
            {
                files[files.IndexOf(main)] = main with
                {
                    Reason = main.Name.Equals(plain, StringComparison.OrdinalIgnoreCase) ? main.Reason
                        : main.Name.Equals(partner, StringComparison.OrdinalIgnoreCase) ? $"named like {trainName}"
                        : $"the largest of the tables whose name says {(role == FileRole.Train ? "train" : role == FileRole.Test ? "test" : "submission")}",
                };
            }
            foreach (var other in guessed.Where(f => f.Name != main.Name))
            {
                files[files.IndexOf(other)] = other with { Role = FileRole.Auxiliary, Reason = $"a related table ({main.Name} was taken as the {Describe(role)})" };
            }
            trainName ??= role == FileRole.Train ? main.Name : null;
        }

        var hasPair = files.Any(f => f.Role is FileRole.Train or FileRole.Test or FileRole.Data);
        if (!hasPair && files.Where(f => f.Role == FileRole.Auxiliary).ToList() is [var only])
        {
            files[files.IndexOf(only)] = only with { Role = FileRole.Data, Reason = "the only table: its rows with a blank target are the rows to predict" };
        }
    }

    private void Check()
    {
        foreach (var role in new[] { FileRole.Train, FileRole.Test, FileRole.SampleSubmission, FileRole.Data })
        {
            var claimed = Files.Where(f => f.Role == role).Select(f => f.Name).ToList();
            if (claimed.Count > 1)
            {
                throw new TaskFolderException(
                    string.Join(", ", claimed),
                    $"more than one file looks like the {Describe(role)}; say which one it is (the data panel's roles, or task.json's \"files\" field)");
            }
        }

        var tables = string.Join(", ", Files.Where(f => !f.IsFolder && f.IsInput).Select(f => f.Name));
        if (Data is not null && (Train is not null || Test is not null))
        {
            throw new TaskFolderException(Data.Name, "a task has either one data file with blanks to fill or a train and a test table, not both");
        }
        if (Data is null && Train is null && Test is not null)
        {
            throw new TaskFolderException(TaskFolder.TrainFileName, $"the table of training rows is missing beside {Test.Name}; give train.csv (or name the train table)");
        }
        if (Data is null && Train is null)
        {
            throw new TaskFolderException(
                tables.Length > 0 ? tables : Path.GetFileName(Directory),
                tables.Length > 0
                    ? "none of these is the table of training rows; name one train (or give train.csv), or a single data file whose blank target cells are to be filled"
                    : "the folder holds no CSV table; give train.csv and test.csv, or one data file with blanks to fill");
        }
        if (Data is null && Test is null)
        {
            throw new TaskFolderException(TaskFolder.TestFileName, $"the table of rows to predict is missing beside {Train!.Name}; give test.csv (or name the test table)");
        }
    }

    /// <summary>The test table's name for a train table's: house_train.csv -> house_test.csv.</summary>
    private static string PartnerOf(string trainName) =>
        System.Text.RegularExpressions.Regex.Replace(trainName, "train(ing)?", "test", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private static bool HoldsImages(DirectoryInfo folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        var sample = folder.EnumerateFiles("*", options).Take(FolderSample).ToList();
        return sample.Count > 0 && sample.Count(f => ImageExtensions.Contains(f.Extension)) * 10 >= sample.Count * 9;
    }

    /// <summary>A role in words, as messages and the data panel say it.</summary>
    public static string Describe(FileRole role) => role switch
    {
        FileRole.Train => "table of training rows",
        FileRole.Test => "table of rows to predict",
        FileRole.SampleSubmission => "sample submission",
        FileRole.Data => "data file with blanks to fill",
        FileRole.Auxiliary => "related table",
        FileRole.Images => "image folder",
        _ => "ignored",
    };
}
