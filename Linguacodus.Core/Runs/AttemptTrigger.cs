namespace Linguacodus.Core.Runs;

/// <summary>Why the program ran (again).</summary>
public enum AttemptTrigger
{
    /// <summary>The code the coder wrote from the chosen plan.</summary>
    Generated,

    /// <summary>The coder's repair of the attempt before.</summary>
    Fix,

    /// <summary>The analyst's edited code.</summary>
    Edit,

    /// <summary>The written code run again after an interruption.</summary>
    Resume,
}
