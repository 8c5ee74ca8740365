namespace Linguacodus.Core.Engine;

/// <summary>Writes the code of one stage, streamed, and repairs a failed program.</summary>
public interface ICodeWriter
{
    IAsyncEnumerable<string> WriteStageAsync(CodeRequest request, CodeStage stage, CancellationToken cancellationToken);

    /// <summary>Returns the corrected stages, or null when this writer has no better program to offer.</summary>
    Task<IReadOnlyDictionary<CodeStage, string>?> FixAsync(
        CodeRequest request, IReadOnlyDictionary<CodeStage, string> stages, string errorOutput, CancellationToken cancellationToken);
}
