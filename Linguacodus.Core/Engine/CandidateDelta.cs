namespace Linguacodus.Core.Engine;

/// <summary>A piece of candidate instruction text; <paramref name="Index"/> is 1-based.</summary>
/// <param name="Restart">The candidate's text so far is dropped (an unusable answer is being written again); Text starts the new one.</param>
public sealed record CandidateDelta(int Index, string Text, bool Restart = false);
