using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine;

/// <summary>Writes candidate instructions for a task, streamed as text deltas tagged with their 1-based candidate index.</summary>
public interface IInstructionWriter
{
    IAsyncEnumerable<CandidateDelta> WriteAsync(MlTask task, DataProfile profile, int count, CancellationToken cancellationToken);
}
