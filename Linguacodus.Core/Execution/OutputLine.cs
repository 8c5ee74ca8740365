namespace Linguacodus.Core.Execution;

/// <summary>One line a program printed; <paramref name="Cell"/> is the 0-based cell (stage) that printed it.</summary>
public sealed record OutputLine(string Text, bool IsError, int Cell)
{
    /// <summary>
    /// What run_cells.py prints for a cell it did not run because its code and everything before it were unchanged
    /// since the last run: the cell's results were restored from the state saved then.
    /// </summary>
    public const string RestoredNote = "(unchanged since the last run: restored from its saved state, not run again)";
}
