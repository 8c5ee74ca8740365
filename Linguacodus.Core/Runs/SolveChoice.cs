namespace Linguacodus.Core.Runs;

/// <summary>
/// How a run without an analyst chooses its plan: the agents' improved instruction (<see cref="Auto"/>), one
/// candidate (1-3), or every candidate run in a branch of its own, keeping the best by validation score.
/// </summary>
public sealed record SolveChoice
{
    public static readonly SolveChoice Auto = new(0);
    public static readonly SolveChoice Best = new(-1);

    private SolveChoice(int index) => Index = index;

    /// <summary>0 for the agents' choice, 1-3 for a candidate, -1 for the best branch.</summary>
    public int Index { get; }

    public bool IsBest => Index < 0;

    public static SolveChoice Candidate(int index) => index is >= 1 and <= RunPipeline.CandidateCount
        ? new SolveChoice(index)
        : throw new ArgumentException($"There is no candidate {index}; choose 1 to {RunPipeline.CandidateCount}.");

    /// <summary>Parses --choice: "auto", "best", or "1"-"3".</summary>
    /// <exception cref="ArgumentException">Anything else.</exception>
    public static SolveChoice Parse(string? value) => (value ?? "auto") switch
    {
        "auto" => Auto,
        "best" => Best,
        var n when int.TryParse(n, out var index) && index is >= 1 and <= RunPipeline.CandidateCount => new SolveChoice(index),
        var other => throw new ArgumentException($"--choice must be auto, best, 1, 2 or 3, not '{other}'."),
    };

    public override string ToString() => Index switch { 0 => "auto", < 0 => "best", _ => Index.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
