using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Instructions;

namespace Linguacodus.Tests.Core.Llm;

public sealed class VerdictAnswerTests
{
    private static readonly string[] Candidates =
    [
        "Data Preprocessing:\n- one\nModel Architecture:\n- linear\nModel Training:\n- fit",
        "Data Preprocessing:\n- two\nModel Architecture:\n- forest\nModel Training:\n- fit twice",
        "Data Preprocessing:\n- three\nModel Architecture:\n- boosting\nModel Training:\n- fit thrice",
    ];

    [Fact]
    public void TryRead_WellFormedJson_GivesStructuredVerdict()
    {
        var answer = """
            {"chosen": 2, "reasons": "Sound split.", "improved_instruction": {"data_preprocessing": ["Sort by date"], "model_architecture": ["Random forest, 300 trees"], "model_training": ["Hold out the last year"]}}
            """;

        Assert.True(VerdictAnswer.TryRead(answer, Candidates, out var verdict, out _));

        Assert.Equal(2, verdict.ChosenIndex);
        Assert.Equal("Sound split.", verdict.Reasons);
        var improved = Instruction.Parse(verdict.ImprovedInstruction);
        Assert.Empty(improved.MissingSections);
        Assert.Equal(["Random forest, 300 trees"], improved.Section("Model Architecture")!.Bullets);
    }

    [Fact]
    public void TryRead_ProseFencesTrailingCommaAndTextNumber_StillReads()
    {
        var answer = "Here is my verdict:\n```json\n{\"chosen\": \"Option 3\", \"reasons\": \"Best fit.\", \"improved_instruction\": "
            + "\"Data Preprocessing:\\n- scale\\nModel Architecture:\\n- boosting\\nModel Training:\\n- early stopping\",}\n```";

        Assert.True(VerdictAnswer.TryRead(answer, Candidates, out var verdict, out var problem), problem);

        Assert.Equal(3, verdict.ChosenIndex);
        Assert.Contains("- early stopping", verdict.ImprovedInstruction);
    }

    [Fact]
    public void TryRead_MissingSections_TakesThemFromTheChosenOption()
    {
        var answer = """{"chosen": 1, "reasons": "r", "improved_instruction": {"modelArchitecture": ["ridge"]}}""";

        Assert.True(VerdictAnswer.TryRead(answer, Candidates, out var verdict, out _));

        var improved = Instruction.Parse(verdict.ImprovedInstruction);
        Assert.Equal(["ridge"], improved.Section("Model Architecture")!.Bullets);
        Assert.Equal(["one"], improved.Section("Data Preprocessing")!.Bullets);
        Assert.Contains("kept from option 1", verdict.Reasons);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("I think option 2 is best.", "no complete JSON object")]
    [InlineData("{\"chosen\": 2, \"reasons\": \"cut", "no complete JSON object")]
    [InlineData("{\"chosen\": 2, \"reasons\": }", "not valid JSON")]
    [InlineData("{\"reasons\": \"r\"}", "did not say which option")]
    [InlineData("{\"chosen\": 7, \"reasons\": \"r\"}", "numbered 1 to 3")]
    public void TryRead_Malformed_SaysWhatIsWrong(string answer, string expected)
    {
        Assert.False(VerdictAnswer.TryRead(answer, Candidates, out _, out var problem));

        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Fallback_ResearcherNamedBest_KeepsThatOptionUnchanged()
    {
        var verdict = VerdictAnswer.Fallback("Option 1 leaks.\nOption 3 is the best plan.\nBest option: 3", Candidates, "it was empty.");

        Assert.Equal(3, verdict.ChosenIndex);
        Assert.Equal(Candidates[2], verdict.ImprovedInstruction);
        Assert.Contains("could not be read (it was empty)", verdict.Reasons);
    }

    [Fact]
    public void Fallback_NoPick_KeepsOptionOne()
    {
        var verdict = VerdictAnswer.Fallback("word word word", Candidates, "it was empty.");

        Assert.Equal(1, verdict.ChosenIndex);
        Assert.Contains("named no best option", verdict.Reasons);
    }

    [Fact]
    public void Schema_ThreeCandidates_EnumeratesTheChoices()
    {
        var schema = VerdictAnswer.Schema(3);

        Assert.Equal("[1,2,3]", schema.GetProperty("properties").GetProperty("chosen").GetProperty("enum").GetRawText());
        Assert.Contains("\"2\"", VerdictAnswer.Gbnf(3));
    }
}
