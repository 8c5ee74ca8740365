using System.Text.Json.Serialization;

namespace Linguacodus.Core.Data;

/// <summary>Where the profiler found the positive class of a binary task: the class whose probability is asked for.</summary>
public enum PositiveClassSource
{
    /// <summary>Not a binary task, or a profile stored before the positive class was recorded.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>task.json's "positive_class", which the analyst set.</summary>
    [JsonStringEnumMemberName("task.json")]
    Hint,

    /// <summary>The submission's one prediction column is named after the class.</summary>
    [JsonStringEnumMemberName("submission column")]
    SubmissionColumn,

    /// <summary>The task text, submission text or data card asks for the probability of the class.</summary>
    [JsonStringEnumMemberName("task text")]
    TaskText,

    /// <summary>Nothing named it: the conventional positive label (1, true, yes, positive), else the second in sort order.</summary>
    [JsonStringEnumMemberName("default")]
    Default,
}

/// <summary>One probability column of a submission and the class whose probability it holds.</summary>
/// <param name="Column">The column's name in the submission.</param>
/// <param name="Label">The class label as train.csv spells it.</param>
public sealed record ClassColumn(string Column, string Label);

public static class PositiveClassSources
{
    /// <summary>How the run page says it: "positive class from …".</summary>
    public static string Describe(this PositiveClassSource source) => source switch
    {
        PositiveClassSource.Hint => "task.json's positive_class",
        PositiveClassSource.SubmissionColumn => "submission column",
        PositiveClassSource.TaskText => "task text",
        PositiveClassSource.Default => "default, as nothing named it",
        _ => "not recorded",
    };
}
