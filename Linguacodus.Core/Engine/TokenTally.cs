namespace Linguacodus.Core.Engine;

/// <summary>
/// The tokens language models read and wrote for one step of a run. The pipeline starts a tally just before it calls
/// the engine for a step; every model call started from there, in the same async flow, adds its usage to it.
/// </summary>
public sealed class TokenTally
{
    private static readonly AsyncLocal<TokenTally?> Active = new();

    private long _calls;
    private long _input;
    private long _output;

    /// <summary>The tally model calls report to now, if a step is being counted.</summary>
    public static TokenTally? Current => Active.Value;

    public long Calls => Interlocked.Read(ref _calls);

    public long InputTokens => Interlocked.Read(ref _input);

    public long OutputTokens => Interlocked.Read(ref _output);

    /// <summary>
    /// Counts the model calls made from here on in this async flow. An async iterator must start it after its last
    /// <c>yield</c> before the calls: a value set before a <c>yield</c> does not survive it.
    /// </summary>
    public static TokenTally Start()
    {
        var tally = new TokenTally();
        Active.Value = tally;
        return tally;
    }

    public void Add(long inputTokens, long outputTokens)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _input, inputTokens);
        Interlocked.Add(ref _output, outputTokens);
    }
}
