using System.ComponentModel.DataAnnotations;

namespace Linguacodus.Core.Memory;

/// <summary>The memory of solved cases (configuration section <c>Memory</c>).</summary>
public sealed class MemoryOptions
{
    public const string SectionName = "Memory";

    /// <summary>Whether a run that ends with a valid, scored submission is remembered as a case.</summary>
    public bool Remember { get; set; } = true;

    /// <summary>Whether planning looks up similar cases; the Settings page can turn it off (and on) for this data folder.</summary>
    public bool Retrieve { get; set; } = true;

    /// <summary>The least cosine similarity (0 to 1) of two tasks' words for a case to count as similar.</summary>
    [Range(0.0, 1.0)]
    public double MinSimilarity { get; set; } = 0.2;

    /// <summary>How many similar cases planning shows and uses.</summary>
    [Range(1, 10)]
    public int Examples { get; set; } = 3;
}
