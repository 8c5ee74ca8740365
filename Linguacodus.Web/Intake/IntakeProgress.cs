namespace Linguacodus.Web.Intake;

/// <summary>How far the intake is with one file: its name, the bytes taken so far and the bytes it declared.</summary>
public readonly record struct IntakeProgress(string Name, long Taken, long Size)
{
    /// <summary>0-100, for a progress bar; a file that declared no size counts as half done while it streams.</summary>
    public double Percent => Size <= 0 ? 50 : Math.Min(100, 100.0 * Taken / Size);
}
