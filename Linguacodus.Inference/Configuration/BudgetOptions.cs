using System.ComponentModel.DataAnnotations;

namespace Linguacodus.Inference.Configuration;

/// <summary>Limits on what the language models may spend on one run.</summary>
public sealed class BudgetOptions
{
    /// <summary>
    /// The most output tokens one model step may write (a candidate, the critique, the verdict, one stage's code, one
    /// fix; a regenerated answer is a new step). A step cut off by it stops the run, which then says so. 0: no limit
    /// beyond each back end's MaxOutputTokens, which cuts an answer short without stopping the run.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxTokensPerStep { get; set; }
}
