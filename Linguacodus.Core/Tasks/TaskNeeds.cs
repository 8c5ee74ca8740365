using System.Text.RegularExpressions;

namespace Linguacodus.Core.Tasks;

/// <summary>One file a task's text says it comes with, before any file is given.</summary>
/// <param name="Optional">The task can start without it (a sample submission, a related table).</param>
public sealed record ExpectedFile(string Name, FileRole Role, bool Optional);

/// <summary>
/// Reads which files a task needs from its own words (the data card, the submission text, the task), so a draft from
/// a task table or the paper's rows can say what to upload: "data.csv (one data file with blanks to fill)".
/// </summary>
public static partial class TaskNeeds
{
    public static IReadOnlyList<ExpectedFile> Of(MlTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var text = string.Join("\n", task.DataCard, task.Submission, task.Task);
        var named = FileName().Matches(text).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var files = named.Select(n => TaskLayout.TableRoleOfName(n).Role switch
        {
            FileRole.Auxiliary when named.Count == 1 => new ExpectedFile(n, FileRole.Data, false),
            var role => new ExpectedFile(n, role, role is FileRole.SampleSubmission or FileRole.Auxiliary),
        }).ToList();
        if (files.Any(f => f.Role == FileRole.Data))
        {
            return files;
        }
        if (!files.Any(f => f.Role == FileRole.Train))
        {
            files.Insert(0, new ExpectedFile(TaskFolder.TrainFileName, FileRole.Train, false));
        }
        if (!files.Any(f => f.Role == FileRole.Test))
        {
            files.Insert(1, new ExpectedFile(TaskFolder.TestFileName, FileRole.Test, false));
        }
        if (!files.Any(f => f.Role == FileRole.SampleSubmission))
        {
            files.Add(new ExpectedFile(TaskFolder.SampleSubmissionFileName, FileRole.SampleSubmission, true));
        }
        if (task.DataType.Contains("image", StringComparison.OrdinalIgnoreCase))
        {
            files.Add(new ExpectedFile("images/", FileRole.Images, false));
        }
        return files;
    }

    // "train.csv", "summaries_train.csv"; not "MW/m2" or a URL's path.
    [GeneratedRegex(@"(?<![\w./-])[\w-]+\.csv\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
