using Linguacodus.Core.Engine.Llm;

namespace Linguacodus.Tests.Core.Llm;

public sealed class CodeExtractorTests
{
    [Fact]
    public void Extract_ProseAroundPythonBlock_KeepsOnlyTheCode()
    {
        var answer = "Here is the block:\n```python\nimport pandas as pd\ntrain = pd.read_csv(\"train.csv\")\n```\nIt loads the data.";

        Assert.Equal("import pandas as pd\ntrain = pd.read_csv(\"train.csv\")\n", CodeExtractor.Extract(answer));
    }

    [Fact]
    public void Extract_SeveralBlocksAndOtherLanguages_JoinsPythonOnly()
    {
        var answer = "```bash\npip install lightgbm\n```\nThen:\n```py\nx = 1\n```\nand\n~~~\ny = 2\n~~~\n```text\noutput\n```";

        Assert.Equal("x = 1\ny = 2\n", CodeExtractor.Extract(answer));
    }

    [Fact]
    public void Extract_NoFence_TakesTheWholeAnswer()
    {
        Assert.Equal("model = Ridge()\nprint(model)\n", CodeExtractor.Extract("\nmodel = Ridge()\nprint(model)"));
    }

    [Fact]
    public void Extract_UnclosedBlockAndCarriageReturns_KeepsTheCode()
    {
        Assert.Equal("a = 1\r\nb = 2\n".Replace("\r", ""), CodeExtractor.Extract("Sure! ```python\r\na = 1\r\nb = 2"));
    }

    [Fact]
    public void Extract_ClosingFenceAfterCode_DropsTheFence()
    {
        Assert.Equal("print(1)\n", CodeExtractor.Extract("```python\nprint(1)```\nDone."));
    }

    [Fact]
    public void Add_FenceSplitAcrossChunks_ReleasesCompleteLinesAsTheyArrive()
    {
        var extractor = new CodeExtractor();

        var first = extractor.Add("Code:\n``");
        var second = extractor.Add("`pyth");
        var third = extractor.Add("on\nimport js");
        var fourth = extractor.Add("on\nprint(json.dumps({}))\n`");
        var last = extractor.Add("``\nBye").Concat(extractor.Finish());

        Assert.Empty(first);
        Assert.Empty(second);
        Assert.Empty(third);
        Assert.Equal(["import json\n", "print(json.dumps({}))\n"], fourth);
        Assert.Empty(last);
    }
}
