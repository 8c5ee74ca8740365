namespace Linguacodus.Core.Engine;

public static class CodeStages
{
    public static IReadOnlyList<CodeStage> All { get; } = Enum.GetValues<CodeStage>();

    public static string Title(this CodeStage stage) => stage switch
    {
        CodeStage.Preprocessing => "Data Preprocessing",
        CodeStage.Architecture => "Model Architecture",
        CodeStage.Training => "Model Training",
        _ => "Submission",
    };

    /// <summary>The lower-case name used in test ids, file names and run.json.</summary>
    public static string Slug(this CodeStage stage) => stage.ToString().ToLowerInvariant();
}
