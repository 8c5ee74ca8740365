using Linguacodus.Core.Data;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>
/// The generated code's view of the classes: the positive class and each probability column's class are looked up in
/// <c>model.classes_</c> by label, never taken by position, so validation and the submission use the same class.
/// </summary>
internal static class ClassCode
{
    /// <summary>The label whose probability a binary task submits; a profile stored without one gets the default rule.</summary>
    public static string Positive(DataProfile profile) =>
        profile.PositiveClass ?? PositiveClasses.Conventional(profile.Classes) ?? profile.Classes[^1];

    /// <summary>Several binary targets' positive classes as a Python dict; a profile stored without them gives each target the first's.</summary>
    private static string PerTarget(DataProfile profile) =>
        "{" + string.Join(", ", profile.Targets.Select(t =>
            $"{Py.Str(t)}: {Py.Str(profile.TargetPositiveClasses?.GetValueOrDefault(t) ?? Positive(profile))}")) + "}";

    /// <summary>The submission's per-class probability columns with their classes; null when it has one prediction column.</summary>
    public static IReadOnlyList<ClassColumn>? Columns(DataProfile profile, IReadOnlyList<string> predictionColumns) =>
        profile.ClassColumns ?? PositiveClasses.ClassColumnsOf(predictionColumns, profile.Classes);

    /// <summary>
    /// POSITIVE and class_index(): train.csv's labels are text in the profile, while pandas may read them as numbers or
    /// booleans, so a label is matched as text, then as a number, then regardless of case.
    /// </summary>
    public static string Definitions(DataProfile profile) =>
        (profile.TaskKind != TaskKind.Binary ? ""
            : profile.Targets.Count > 1 ? $"POSITIVE = {PerTarget(profile)}  # each target's class whose probability is asked for\n\n\n"
            : $"POSITIVE = {Py.Str(Positive(profile))}  # the class whose probability is asked for\n\n\n")
        + """
        def class_index(classes, label):
            names = [str(c) for c in classes]
            if label in names:
                return names.index(label)
            try:
                return [float(c) for c in classes].index(float(label))
            except (TypeError, ValueError):
                pass
            folded = [n.strip().lower() for n in names]
            if label.strip().lower() in folded:
                return folded.index(label.strip().lower())
            raise ValueError(f"the class {label!r} is not among the model's classes {names}")

        """;
}
