namespace Linguacodus.Web.Components.Pages.Run;

/// <summary>A candidate plan as the analyst edited it before choosing it.</summary>
/// <param name="Index">1-3.</param>
public sealed record CandidateEdit(int Index, string Text);
