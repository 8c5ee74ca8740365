using System.Collections.Immutable;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;

namespace Linguacodus.Core.Runs;

/// <summary>One execution of the program: what ran, what it printed, how it ended.</summary>
/// <param name="Score">The validation score the program printed.</param>
/// <param name="NaiveScore">The score a naive prediction gets on the same validation rows, when the program printed one
/// (documents stored before it was recorded have none).</param>
public sealed record AttemptRecord(
    int Number,
    AttemptTrigger Trigger,
    ImmutableDictionary<CodeStage, string> Program,
    ImmutableList<OutputLine> Log,
    int LinesDropped,
    int? ExitCode = null,
    string? Error = null,
    double? Score = null,
    TimeSpan? Duration = null,
    double? NaiveScore = null)
{
    /// <summary>The log keeps its first and last lines; a flood in between is counted, not kept.</summary>
    public const int LogHead = 2_000;
    public const int LogTail = 2_000;

    /// <summary>Longest line kept in the stored log, so a run's document stays a few MB whatever the program prints.</summary>
    public const int MaxStoredLineChars = 2_000;

    /// <summary>Whether lines were dropped between the head and the tail of the log.</summary>
    public bool Truncated => LinesDropped > 0;

    /// <summary>Says where and how much of the log was dropped; null when nothing was.</summary>
    public string? TruncationNote => Truncated
        ? $"… output truncated: {LinesDropped:N0} lines dropped after the first {LogHead:N0} (the last {LogTail:N0} are kept) …"
        : null;

    public AttemptRecord Append(OutputLine line)
    {
        if (line.Text.Length > MaxStoredLineChars)
        {
            line = line with { Text = $"{line.Text[..MaxStoredLineChars]} [line cut: {line.Text.Length - MaxStoredLineChars:N0} more characters]" };
        }
        if (Log.Count < LogHead + LogTail)
        {
            return this with { Log = Log.Add(line) };
        }
        return this with { Log = Log.RemoveAt(LogHead).Add(line), LinesDropped = LinesDropped + 1 };
    }
}
