using System.Collections.Immutable;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Execution;

namespace Linguacodus.Core.Runs;

/// <summary>One execution of the program: what ran, what it printed, how it ended.</summary>
/// <param name="Trigger">"generated", "fix" or "edit".</param>
public sealed record AttemptRecord(
    int Number,
    string Trigger,
    ImmutableDictionary<CodeStage, string> Program,
    ImmutableList<OutputLine> Log,
    int LinesDropped,
    int? ExitCode = null,
    string? Error = null,
    double? Score = null,
    TimeSpan? Duration = null)
{
    /// <summary>The log keeps its first and last lines; a flood in between is counted, not kept.</summary>
    public const int LogHead = 2_000;
    public const int LogTail = 2_000;

    public AttemptRecord Append(OutputLine line)
    {
        if (Log.Count < LogHead + LogTail)
        {
            return this with { Log = Log.Add(line) };
        }
        return this with { Log = Log.RemoveAt(LogHead).Add(line), LinesDropped = LinesDropped + 1 };
    }
}
