using Linguacodus.Core.Data;
using Linguacodus.Core.Memory;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine;

/// <summary>Critiques the candidates (streamed text), then gives a verdict.</summary>
public interface IJudge
{
    /// <param name="similar">Remembered cases alike to this task, best first (may be empty).</param>
    /// <param name="critique">Receives the critique as it is written.</param>
    Task<Verdict> JudgeAsync(
        MlTask task, DataProfile profile, IReadOnlyList<string> candidates, IReadOnlyList<SimilarCase> similar,
        Action<string> critique, CancellationToken cancellationToken);
}
