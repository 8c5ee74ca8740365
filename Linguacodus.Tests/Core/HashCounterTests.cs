using Linguacodus.Core.Data;

namespace Linguacodus.Tests.Core;

public sealed class HashCounterTests
{
    [Fact]
    public void Add_ManyValuesTwice_CountsEachOnceAcrossGrowth()
    {
        var counter = new HashCounter();
        var random = new Random(7);
        var hashes = Enumerable.Range(0, 50_000).Select(_ => (ulong)random.NextInt64()).Distinct().ToList();

        var firstTime = hashes.Count(counter.Add);
        var secondTime = hashes.Count(counter.Add);

        Assert.Equal(hashes.Count, firstTime);
        Assert.Equal(0, secondTime);
        Assert.Equal(hashes.Count, counter.Count);
    }

    [Fact]
    public void Add_ZeroAndCollidingSlots_AreKeptApart()
    {
        var counter = new HashCounter();

        // 0 is the empty mark; 16 and 32 start at the same slot of the first array.
        Assert.True(counter.Add(0));
        Assert.False(counter.Add(0));
        Assert.True(counter.Add(16));
        Assert.True(counter.Add(32));
        Assert.False(counter.Add(16));
        Assert.Equal(3, counter.Count);
    }
}
