using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine;

/// <summary>What a code writer knows when it writes one stage: the task, its data, the chosen instruction and the blocks before.</summary>
public sealed record CodeRequest(
    TaskFolder Folder,
    DataProfile Profile,
    string Instruction,
    IReadOnlyDictionary<CodeStage, string> EarlierStages);
