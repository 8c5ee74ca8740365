using Linguacodus.Core.Data;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine;

/// <summary>Writes candidate instructions for a task, streamed as text deltas tagged with their 1-based candidate index.</summary>
public interface IInstructionWriter
{
    /// <param name="similar">Remembered cases alike to this task, best first, to learn from (may be empty).</param>
    IAsyncEnumerable<CandidateDelta> WriteAsync(MlTask task, DataProfile profile, int count, IReadOnlyList<SimilarCase> similar, CancellationToken cancellationToken);
}
