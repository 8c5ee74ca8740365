using Linguacodus.Core.Tasks;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>The new-task form's fields, kept as typed so a failed start loses nothing.</summary>
internal sealed class TaskDraft
{
    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public const string DefaultDataType = "tabular";

    public string DataType { get; set; } = DefaultDataType;

    public string Metric { get; set; } = "";

    public string DataCard { get; set; } = "";

    public string Submission { get; set; } = "";

    /// <summary>Optional: the target column when the data does not make it obvious.</summary>
    public string Target { get; set; } = "";

    public void Fill(MlTask task)
    {
        Title = task.Title;
        Description = task.Task;
        DataType = task.DataType;
        Metric = task.Metrics;
        DataCard = task.DataCard;
        Submission = task.Submission;
        Target = "";
    }

    /// <summary>
    /// Fills only the fields still empty from a task.json that came with the data, so nothing typed is overwritten.
    /// The data type counts as empty while it holds its default, which was never typed.
    /// </summary>
    /// <returns>How many fields were filled.</returns>
    public int FillEmpty(MlTask task)
    {
        var filled = 0;
        string Keep(string current, string offered, bool empty)
        {
            if (!empty || string.IsNullOrWhiteSpace(offered) || current == offered)
            {
                return current;
            }
            filled++;
            return offered;
        }
        Title = Keep(Title, task.Title, string.IsNullOrWhiteSpace(Title));
        Description = Keep(Description, task.Task, string.IsNullOrWhiteSpace(Description));
        DataType = Keep(DataType, task.DataType, string.IsNullOrWhiteSpace(DataType) || DataType == DefaultDataType);
        Metric = Keep(Metric, task.Metrics, string.IsNullOrWhiteSpace(Metric));
        DataCard = Keep(DataCard, task.DataCard, string.IsNullOrWhiteSpace(DataCard));
        Submission = Keep(Submission, task.Submission, string.IsNullOrWhiteSpace(Submission));
        return filled;
    }

    public MlTask ToTask() => new(Title.Trim(), Description.Trim(), DataType.Trim(), Metric.Trim(), DataCard.Trim(), Submission.Trim());

    /// <summary>Problems worth fixing before the task folder is even written, keyed by field name.</summary>
    public Dictionary<string, string> Check()
    {
        var problems = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Title))
        {
            problems[nameof(Title)] = "Give the task a short title.";
        }
        if (string.IsNullOrWhiteSpace(Description))
        {
            problems[nameof(Description)] = "Describe in a sentence or two what should be predicted.";
        }
        if (string.IsNullOrWhiteSpace(DataType))
        {
            problems[nameof(DataType)] = "Say what kind of data this is, for example tabular or time series.";
        }
        if (string.IsNullOrWhiteSpace(Metric))
        {
            problems[nameof(Metric)] = "Name the metric submissions are scored with.";
        }
        return problems;
    }
}
