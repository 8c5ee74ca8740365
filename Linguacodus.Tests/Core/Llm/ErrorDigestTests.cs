using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Llm;

namespace Linguacodus.Tests.Core.Llm;

public sealed class ErrorDigestTests
{
    private static readonly Dictionary<CodeStage, string> Stages = new()
    {
        [CodeStage.Preprocessing] = "import pandas as pd\ntrain = pd.read_csv('train.csv')",
        [CodeStage.Architecture] = "model = None",
        [CodeStage.Training] = "x = 1\nmodel.fit(train, train['y'])",
        [CodeStage.Submission] = "pass",
    };

    [Fact]
    public void Trim_Traceback_FoldsLibraryFramesAndNamesTheBlock()
    {
        var program = ProgramAssembler.Assemble("Task", Stages).Split('\n');
        var line = Array.IndexOf(program, "model.fit(train, train['y'])") + 1;
        var error = $"""
            Traceback (most recent call last):
              File "/tmp/work/solution.py", line {line}, in <module>
                model.fit(train, train['y'])
              File "/usr/lib/python3/dist-packages/pandas/core/frame.py", line 3761, in __getitem__
                indexer = self.columns.get_loc(key)
              File "/usr/lib/python3/dist-packages/pandas/core/indexes/base.py", line 3655, in get_loc
                raise KeyError(key) from err
            KeyError: 'y'
            """;

        var digest = ErrorDigest.Trim(error, "Task", Stages);

        Assert.Contains($"line {line}, in <module>  [the Model Training block]", digest);
        Assert.Contains("... (2 frames inside libraries)", digest);
        Assert.DoesNotContain("frame.py", digest);
        Assert.EndsWith("KeyError: 'y'", digest);
    }

    [Fact]
    public void Trim_LongOutput_KeepsTheHeadAndTheEnd()
    {
        var error = string.Join("\n", Enumerable.Range(0, 2_000).Select(i => $"warning {i}")) + "\nValueError: boom";

        var digest = ErrorDigest.Trim(error, "Task", Stages);

        Assert.InRange(digest.Length, ErrorDigest.MaxChars, ErrorDigest.MaxChars + 64);
        Assert.StartsWith("warning 0\n", digest);
        Assert.Contains("characters not shown", digest);
        Assert.EndsWith("ValueError: boom", digest);
    }
}
