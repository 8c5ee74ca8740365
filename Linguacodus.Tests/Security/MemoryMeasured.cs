namespace Linguacodus.Tests.Security;

/// <summary>Tests that measure this process's memory run alone, so other tests' allocations do not blur the figure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasured
{
    public const string Name = "Memory measured";
}
