namespace Linguacodus.Core.Engine.Baseline;

/// <summary>The built-in engine: no model, real pandas/scikit-learn code from the data profile.</summary>
public static class BaselineEngine
{
    public const string Name = "baseline";

    public static SolutionEngine Create() =>
        new(Name, new BaselineInstructionWriter(), new BaselineJudge(), new BaselineCodeWriter());
}
