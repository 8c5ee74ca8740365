using System.Text.Json;

namespace Linguacodus.Core.Tasks;

/// <summary>A task on disk: task.json and its data files, each with a role (<see cref="TaskLayout"/>).</summary>
/// <param name="Directory">Absolute path of the folder.</param>
/// <param name="Task">The task as described in task.json.</param>
/// <param name="Hints">What the analyst settled in task.json's optional fields (roles, targets, positive class).</param>
/// <param name="Layout">The folder's files and their roles.</param>
public sealed record TaskFolder(string Directory, MlTask Task, TaskHints Hints, TaskLayout Layout)
{
    public const string TaskFileName = "task.json";
    public const string TrainFileName = "train.csv";
    public const string TestFileName = "test.csv";
    public const string SampleSubmissionFileName = "sample_submission.csv";

    /// <summary>The metric named by task.json's metrics field (<see cref="MlTask.Metric"/>).</summary>
    public Metric Metric => Task.Metric;

    /// <summary>Absolute path of the table of training rows: the train table, or an imputation task's data file.</summary>
    public string TrainFile => Layout.PathOf(Layout.Train ?? Layout.Data!);

    /// <summary>Absolute path of the table of rows to predict; null for an imputation task (they are the data file's blank rows).</summary>
    public string? TestFile => Layout.Test is { } test ? Layout.PathOf(test) : null;

    /// <summary>Absolute path of the sample submission, or null when the folder has none.</summary>
    public string? SampleSubmissionFile => Layout.SampleSubmission is { } sample ? Layout.PathOf(sample) : null;

    /// <summary>Reads and checks a task folder.</summary>
    /// <exception cref="TaskFolderException">The folder, task.json or a data file is missing or unusable.</exception>
    public static TaskFolder Load(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
        {
            throw new TaskFolderException(root, "the folder does not exist");
        }

        var (task, hints) = ReadTask(Path.Combine(root, TaskFileName));
        return new TaskFolder(root, task, hints, TaskLayout.Detect(root, hints));
    }

    /// <summary>Writes task.json into a folder that already holds the data files, then loads the folder.</summary>
    /// <exception cref="TaskFolderException">The folder is missing or, once written, does not load.</exception>
    public static TaskFolder Create(string directory, MlTask task, TaskHints? hints = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
        {
            throw new TaskFolderException(root, "the folder does not exist");
        }

        File.WriteAllText(Path.Combine(root, TaskFileName), TaskJson.Write(task, hints ?? TaskHints.None));
        return Load(root);
    }

    private static (MlTask Task, TaskHints Hints) ReadTask(string path)
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

            var task = new MlTask(
                Field(root, "title", required: true),
                Field(root, "task", required: true),
                Field(root, "data_type", required: true),
                Field(root, "metrics", required: true),
                Field(root, "data_card", required: false),
                Field(root, "submission", required: false));
            return (task, TaskJson.ReadHints(root));
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
