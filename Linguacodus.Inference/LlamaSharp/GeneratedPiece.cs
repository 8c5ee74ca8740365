namespace Linguacodus.Inference.LlamaSharp;

/// <summary>Text decoded from one sampled token, with the sequence's token counts so far.</summary>
internal sealed record GeneratedPiece(string Text, int PromptTokens, int OutputTokens, bool AtLimit = false);
