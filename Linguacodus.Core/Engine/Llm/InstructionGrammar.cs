namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// A GBNF grammar for the paper's instruction format, so even a small local model returns the three sections
/// with bullet points (the most common failure of local models is broken structure).
/// </summary>
public static class InstructionGrammar
{
    public const string Gbnf = """
        root ::= "Data Preprocessing:\n" bullets "\nModel Architecture:\n" bullets "\nModel Training:\n" bullets
        bullets ::= bullet bullet? bullet? bullet?
        bullet ::= "- " [^\n]{2,160} "\n"
        """;
}
