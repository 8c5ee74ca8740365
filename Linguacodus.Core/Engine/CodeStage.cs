namespace Linguacodus.Core.Engine;

/// <summary>The four code blocks of a solution, in the order they are written and run.</summary>
public enum CodeStage
{
    Preprocessing,
    Architecture,
    Training,
    Submission,
}
