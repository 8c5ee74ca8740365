namespace Linguacodus.Core.Instructions;

/// <summary>One section of an instruction, e.g. "Data Preprocessing" with its bullet points.</summary>
public sealed record InstructionSection(string Heading, IReadOnlyList<string> Bullets);
