using Linguacodus.Core.Instructions;

namespace Linguacodus.Tests.Core;

public sealed class InstructionTests
{
    [Fact]
    public void Parse_PaperFormat_ReadsSectionsAndBullets()
    {
        var text = """
            Data Preprocessing:
            - Fill missing values with the median.
            * Encode categories.
            Model Architecture:
            1. A gradient boosting model.
            Learning rate: 0.05
            **Model Training:**
            - 5-fold cross-validation.
            """;

        var instruction = Instruction.Parse(text);

        Assert.Equal(["Data Preprocessing", "Model Architecture", "Model Training"], instruction.Sections.Select(s => s.Heading));
        Assert.Equal(["Fill missing values with the median.", "Encode categories."], instruction.Sections[0].Bullets);
        Assert.Equal(["A gradient boosting model.", "Learning rate: 0.05"], instruction.Sections[1].Bullets);
        Assert.Empty(instruction.MissingSections);
    }

    [Fact]
    public void Parse_TextWithoutHeadings_KeepsItUnderNotesAndReportsMissingSections()
    {
        var instruction = Instruction.Parse("Just train a random forest.");

        Assert.Equal("Notes", instruction.Sections.Single().Heading);
        Assert.Equal(Instruction.RequiredHeadings, instruction.MissingSections);
    }

    [Fact]
    public void ToString_ThenParse_RoundTrips()
    {
        var original = new Instruction([new("Data Preprocessing", ["a", "b"]), new("Model Training", ["c"])]);

        Assert.Equal(original.ToString(), Instruction.Parse(original.ToString()).ToString());
    }
}
