namespace Linguacodus.Core.Execution;

/// <summary>One line a program printed; <paramref name="Cell"/> is the 0-based cell (stage) that printed it.</summary>
public sealed record OutputLine(string Text, bool IsError, int Cell);
