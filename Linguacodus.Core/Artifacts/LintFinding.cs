namespace Linguacodus.Core.Artifacts;

/// <summary>A validity problem found by reading the program: <paramref name="Rule"/> names it, <paramref name="Message"/> says what to change.</summary>
public sealed record LintFinding(string Rule, string Message);
