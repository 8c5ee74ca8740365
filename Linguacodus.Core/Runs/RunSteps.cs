using Linguacodus.Core.Engine;

namespace Linguacodus.Core.Runs;

/// <summary>The kinds of step a run times (run.json keeps each step's name, e.g. "code: training" or "fix: attempt 2").</summary>
public enum StepKind
{
    Profile,
    Instructions,
    Judge,
    Code,
    Execute,
    Fix,
    Compare,
    Other,
}

/// <summary>The names of a run's timed steps: the one place they are written and read.</summary>
public static class RunSteps
{
    public const string Profile = "profile";
    public const string Instructions = "instructions";
    public const string Judge = "judge";
    public const string Compare = "compare";

    public static string Code(CodeStage stage) => $"code: {stage.Slug()}";

    public static string Execute(int attempt) => $"execute: attempt {attempt}";

    public static string Fix(int attempt) => $"fix: attempt {attempt}";

    public static StepKind KindOf(string step) => step.Split(':')[0] switch
    {
        Profile => StepKind.Profile,
        Instructions => StepKind.Instructions,
        Judge => StepKind.Judge,
        Compare => StepKind.Compare,
        "code" => StepKind.Code,
        "execute" => StepKind.Execute,
        "fix" => StepKind.Fix,
        _ => StepKind.Other,
    };

    /// <summary>Whether a step belongs to planning (a copy of a run's plan keeps these times).</summary>
    public static bool IsPlanning(string step) => KindOf(step) is StepKind.Profile or StepKind.Instructions or StepKind.Judge;
}
