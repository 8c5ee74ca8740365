namespace Linguacodus.Core.Engine;

/// <summary>A piece of candidate instruction text; <paramref name="Index"/> is 1-based.</summary>
public sealed record CandidateDelta(int Index, string Text);
