using System.Runtime.CompilerServices;
using Linguacodus.Core.Engine;

namespace Linguacodus.Tests.Fakes;

/// <summary>A code writer whose stages and fixes are given by the test.</summary>
internal sealed class ScriptedCodeWriter(Func<CodeStage, string> stage, Func<int, IReadOnlyDictionary<CodeStage, string>?> fix) : ICodeWriter
{
    public int Fixes { get; private set; }

    public List<string> ErrorsSeen { get; } = [];

    public async IAsyncEnumerable<string> WriteStageAsync(CodeRequest request, CodeStage stage1, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield return stage(stage1);
    }

    public Task<IReadOnlyDictionary<CodeStage, string>?> FixAsync(
        CodeRequest request, IReadOnlyDictionary<CodeStage, string> stages, string errorOutput, CancellationToken cancellationToken)
    {
        ErrorsSeen.Add(errorOutput);
        return Task.FromResult(fix(++Fixes));
    }
}
