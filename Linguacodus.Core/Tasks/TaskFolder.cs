using System.Text.Json;

namespace Linguacodus.Core.Tasks;

/// <summary>A task on disk: task.json, train.csv, test.csv and optionally sample_submission.csv.</summary>
/// <param name="Directory">Absolute path of the folder.</param>
/// <param name="Task">The task as described in task.json.</param>
/// <param name="Metric">The metric named by task.json's metrics field (<see cref="MlTask.Metric"/>).</param>
/// <param name="TrainFile">Absolute path of train.csv.</param>
/// <param name="TestFile">Absolute path of test.csv.</param>
/// <param name="SampleSubmissionFile">Absolute path of sample_submission.csv, or null when the folder has none.</param>
public sealed record TaskFolder(
    string Directory,
    MlTask Task,
    Metric Metric,
    string TrainFile,
    string TestFile,
    string? SampleSubmissionFile)
{
    public const string TaskFileName = "task.json";
    public const string TrainFileName = "train.csv";
    public const string TestFileName = "test.csv";
    public const string SampleSubmissionFileName = "sample_submission.csv";

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    /// <summary>Whether a file in a task folder is one of its data tables (the files a run copies and profiles).</summary>
    public static bool IsDataFile(string fileName) => fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>The data tables of a task folder, by name.</summary>
    public static IEnumerable<string> DataFiles(string directory) =>
        System.IO.Directory.EnumerateFiles(directory).Where(f => IsDataFile(Path.GetFileName(f))).Order(StringComparer.Ordinal);

    /// <summary>Reads and checks a task folder.</summary>
    /// <exception cref="TaskFolderException">The folder, task.json or a data file is missing or unusable.</exception>
    public static TaskFolder Load(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
        {
            throw new TaskFolderException(root, "the folder does not exist");
        }

        var task = ReadTask(Path.Combine(root, TaskFileName));
        var sample = Path.Combine(root, SampleSubmissionFileName);
        return new TaskFolder(
            root,
            task,
            task.Metric,
            RequireFile(root, TrainFileName),
            RequireFile(root, TestFileName),
            File.Exists(sample) ? sample : null);
    }

    /// <summary>Writes task.json into a folder that already holds the CSV files, then loads the folder.</summary>
    /// <exception cref="TaskFolderException">The folder is missing or, once written, does not load.</exception>
    public static TaskFolder Create(string directory, MlTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
        {
            throw new TaskFolderException(root, "the folder does not exist");
        }

        File.WriteAllText(Path.Combine(root, TaskFileName), JsonSerializer.Serialize(task, WriteOptions));
        return Load(root);
    }

    private static string RequireFile(string root, string name)
    {
        var path = Path.Combine(root, name);
        return File.Exists(path) ? path : throw new TaskFolderException(name, "the file is missing");
    }

    private static MlTask ReadTask(string path)
    {
        if (!File.Exists(path))
        {
            throw new TaskFolderException(TaskFileName, "the file is missing");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(
                File.ReadAllBytes(path),
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            // JsonException's own message ends with "LineNumber: 0 | BytePositionInLine: 5."; say it the human way.
            var reason = e.Message.Split(" LineNumber:")[0].TrimEnd().TrimEnd('.');
            throw new TaskFolderException(TaskFileName, $"not valid JSON: {reason} (line {e.LineNumber + 1 ?? 1})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TaskFolderException(TaskFileName, "not valid JSON: expected an object with the task's fields");
            }

            return new MlTask(
                Field(root, "title", required: true),
                Field(root, "task", required: true),
                Field(root, "data_type", required: true),
                Field(root, "metrics", required: true),
                Field(root, "data_card", required: false),
                Field(root, "submission", required: false));
        }
    }

    private static string Field(JsonElement root, string name, bool required)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            throw new TaskFolderException(TaskFileName, $"missing field '{name}'");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new TaskFolderException(TaskFileName, $"field '{name}' must be a string");
        }

        var text = value.GetString()!;
        return required && string.IsNullOrWhiteSpace(text)
            ? throw new TaskFolderException(TaskFileName, $"field '{name}' is empty")
            : text;
    }
}
