namespace Linguacodus.Core.Memory;

/// <summary>
/// A solved task the memory keeps: what was asked, what plan was accepted (as the analyst left it) and how it scored.
/// It holds its own text, so it outlives its run's folder.
/// </summary>
/// <param name="Family">The accepted plan's model family (gradient boosting, random forest, linear, kernel SVM).</param>
/// <param name="Ranks">Where the candidates were compared: each that scored, best first; else empty.</param>
/// <param name="PromptValues">The instructor prompt's values for this task (no rank, no examples), for the training export.</param>
public sealed record SolvedCase(
    Guid Id,
    Guid RunId,
    DateTimeOffset CreatedAt,
    string Title,
    string Task,
    string DataType,
    string Metric,
    bool HigherIsBetter,
    string DataCard,
    IReadOnlyList<string> Columns,
    string Instruction,
    string Code,
    double Score,
    double? NaiveScore,
    bool Edited,
    string Family,
    IReadOnlyList<RankedPlan> Ranks,
    IReadOnlyDictionary<string, string> PromptValues)
{
    /// <summary>The family that scored best on this task: the top rank's where candidates were compared, else the accepted plan's.</summary>
    public string BestFamily => Ranks.Count > 0 ? Ranks[0].Family : Family;

    /// <summary>Whether <see cref="Score"/> is at least as good as <paramref name="threshold"/> in the metric's direction.</summary>
    public bool AtLeast(double threshold) => HigherIsBetter ? Score >= threshold : Score <= threshold;
}

/// <summary>A compared candidate's plan and its validation score.</summary>
public sealed record RankedPlan(int Candidate, string Instruction, double Score, string Family);

/// <summary>A remembered case found for a new task, with how alike the two tasks read (cosine of their words, 0 to 1).</summary>
public sealed record SimilarCase(
    Guid CaseId, Guid RunId, string Title, string Metric, double Score, double Similarity, string Family, string BestFamily, bool Edited, string Instruction);
