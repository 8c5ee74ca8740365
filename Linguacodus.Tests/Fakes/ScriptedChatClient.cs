using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Linguacodus.Tests.Fakes;

/// <summary>
/// A chat client whose answers are given by the test: a delegate turns the messages of each call into streamed
/// chunks. It records every call's messages and options; calls may come concurrently.
/// </summary>
internal sealed class ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, CancellationToken, IAsyncEnumerable<string>> script) : IChatClient
{
    /// <summary>Streams the chunks the delegate returns for the messages, one per asynchronous step.</summary>
    public ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, IEnumerable<string>> chunks)
        : this((messages, cancellationToken) => Stream(chunks(messages), cancellationToken))
    {
    }

    /// <summary>The messages of every call, in the order the calls started.</summary>
    public ConcurrentQueue<IReadOnlyList<ChatMessage>> Received { get; } = new();

    public ConcurrentQueue<ChatOptions?> ReceivedOptions { get; } = new();

    /// <summary>The text of the user message of every call.</summary>
    public IReadOnlyList<string> Prompts => [.. Received.Select(m => string.Concat(m.Where(x => x.Role == ChatRole.User).Select(x => x.Text)))];

    /// <summary>A stream that never yields: it ends only by cancellation, which proves the token flows through.</summary>
    public static async IAsyncEnumerable<string> Blocking([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Received.Enqueue(list);
        ReceivedOptions.Enqueue(options);
        await foreach (var chunk in script(list, cancellationToken).WithCancellation(cancellationToken))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static async IAsyncEnumerable<string> Stream(IEnumerable<string> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
        }
    }
}
