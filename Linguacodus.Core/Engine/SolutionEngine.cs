namespace Linguacodus.Core.Engine;

/// <summary>The three seams of a run, from one engine (the built-in baseline or an LLM).</summary>
public sealed record SolutionEngine(string Name, IInstructionWriter Instructions, IJudge Judge, ICodeWriter Coder);
