using System.Text;
using Linguacodus.Core.Engine;

namespace Linguacodus.Core.Artifacts;

/// <summary>Joins the stage blocks into one program; each stage is a '# %%' cell so runs and notebooks keep the stages apart.</summary>
public static class ProgramAssembler
{
    public static string Assemble(string title, IReadOnlyDictionary<CodeStage, string> stages)
    {
        var program = new StringBuilder()
            .Append("# ").Append(title.ReplaceLineEndings(" ")).Append('\n')
            .Append("# Written by Linguacodus; run it in a folder holding the task's CSV files.\n");
        foreach (var stage in CodeStages.All)
        {
            program.Append("\n# %% ").Append(stage.Title()).Append('\n')
                .Append(stages.GetValueOrDefault(stage, "").Trim('\n')).Append('\n');
        }
        return program.ToString();
    }
}
