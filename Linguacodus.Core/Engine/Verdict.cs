namespace Linguacodus.Core.Engine;

/// <summary>The judge's decision: which candidate (1-based), why, and the improved instruction.</summary>
public sealed record Verdict(int ChosenIndex, string Reasons, string ImprovedInstruction);
