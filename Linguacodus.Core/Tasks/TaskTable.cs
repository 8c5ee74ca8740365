using Linguacodus.Core.Data;

namespace Linguacodus.Core.Tasks;

/// <summary>
/// A CSV of tasks in the paper's table format (title, task, data_type, metrics, data_card, submission; other columns,
/// such as link, are ignored), so an analyst can start from any row of it.
/// </summary>
public static class TaskTable
{
    public const int MaxTasks = 10_000;

    private static readonly string[] Required = ["title", "task", "data_type", "metrics"];

    /// <exception cref="TaskFolderException">The file is not such a table; the message says what is missing.</exception>
    public static IReadOnlyList<MlTask> Load(string path)
    {
        using var csv = new CsvReader(path);
        var columns = csv.Header.Select((name, index) => (Name: name.Trim().ToLowerInvariant(), index))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().index);
        if (Required.Where(r => !columns.ContainsKey(r)).ToList() is { Count: > 0 } missing)
        {
            throw new TaskFolderException(csv.FileName,
                $"not a task table: it lacks the column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} "
                + "(a task table has title, task, data_type, metrics, data_card and submission).");
        }
        var tasks = new List<MlTask>();
        while (csv.ReadRow() is { } row)
        {
            string Field(string name) => columns.TryGetValue(name, out var index) && index < row.Length ? row[index].Trim() : "";
            if (Field("title").Length == 0 && Field("task").Length == 0)
            {
                continue;
            }
            if (tasks.Count == MaxTasks)
            {
                throw new TaskFolderException(csv.FileName, $"more than {MaxTasks:N0} tasks; split the table.");
            }
            tasks.Add(new MlTask(Field("title"), Field("task"), Field("data_type"), Field("metrics"), Field("data_card"), Field("submission")));
        }
        return tasks.Count > 0 ? tasks : throw new TaskFolderException(csv.FileName, "the task table has no tasks.");
    }
}
