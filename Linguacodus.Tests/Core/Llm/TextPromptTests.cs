using Linguacodus.Core.Data;
using Linguacodus.Core.Engine.Llm;

namespace Linguacodus.Tests.Core.Llm;

public sealed class TextPromptTests
{
    [Fact]
    public void Describe_TextColumn_SaysHowLongItsValuesAreUnlessOnlyNamesFit()
    {
        var profile = new DataProfile(
            800, 200,
            [new("review", ColumnKind.Text, 0, 800, ["A fine stay"], new TextLength(419.6, 77.6, 3_120)), new("stars", ColumnKind.Numeric, 0, 5, [])],
            ["review"], null, "stars", TargetSource.TrainTestDifference, null, TaskKind.Regression, [], ["stars"]);

        Assert.Contains("- review: text, about 420 characters (78 words), longest 3,120, e.g. A fine stay", PromptValues.Describe(profile));
        Assert.DoesNotContain("characters", PromptValues.Describe(profile, PromptCut.Whole with { ColumnNamesOnly = true }));
    }
}
