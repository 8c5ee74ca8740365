using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Llm;

namespace Linguacodus.Tests.Core.Llm;

public sealed class ProgramBlocksTests
{
    private static readonly Dictionary<CodeStage, string> Current = new()
    {
        [CodeStage.Preprocessing] = "import pandas as pd\n",
        [CodeStage.Architecture] = "model = None\n",
        [CodeStage.Training] = "model.fit(X, y)\n",
        [CodeStage.Submission] = "submission.to_csv('submission.csv')\n",
    };

    [Fact]
    public void Apply_OneMarkedBlock_ReplacesItAndKeepsTheOthers()
    {
        var fixedStages = ProgramBlocks.Apply("import numpy as np\n# %% Model Architecture\nmodel = Ridge()\n", Current);

        Assert.Equal("import numpy as np\nmodel = Ridge()\n", fixedStages[CodeStage.Architecture]);
        Assert.Equal(Current[CodeStage.Preprocessing], fixedStages[CodeStage.Preprocessing]);
        Assert.Equal(Current[CodeStage.Training], fixedStages[CodeStage.Training]);
    }

    [Fact]
    public void Apply_AllMarkersLooselyWritten_ReadsEveryBlock()
    {
        var code = "#%% data preprocessing\na = 1\n# %%  Architecture:\nb = 2\n# %% Model Training\nc = 3\n# %% SUBMISSION\nd = 4\n";

        var fixedStages = ProgramBlocks.Apply(code, Current);

        Assert.Equal(["a = 1\n", "b = 2\n", "c = 3\n", "d = 4\n"], fixedStages.OrderBy(s => s.Key).Select(s => s.Value));
    }

    [Fact]
    public void Apply_NoMarkers_IsAWholeNewProgram()
    {
        var fixedStages = ProgramBlocks.Apply("print('all in one')\n", Current);

        Assert.Equal("print('all in one')\n", fixedStages[CodeStage.Preprocessing]);
        Assert.All(new[] { CodeStage.Architecture, CodeStage.Training, CodeStage.Submission }, s => Assert.Equal("", fixedStages[s]));
    }
}
