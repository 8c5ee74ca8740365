using System.ClientModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Linguacodus.Inference.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Linguacodus.Inference.Middleware;

/// <summary>
/// Wraps every back end so a run sees one kind of failure: an <see cref="InvalidOperationException"/> whose message
/// names the back end and says what happened (HTTP status, timeout, unreachable, malformed answer), which a run
/// records as its reason for failing. Cancellation by the caller passes through unchanged, and is also raised when a
/// back end ends its stream quietly on cancellation. Canceled and failed calls are logged apart; the API key never is.
/// </summary>
internal sealed partial class BackendGuardChatClient(IChatClient inner, BackendOptions backend, ILogger logger) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception error) when (Translate(error, clock.Elapsed, cancellationToken) is { } failure)
            {
                throw failure;
            }
            yield return updates.Current;
        }
        if (cancellationToken.IsCancellationRequested)
        {
            LogCanceled(logger, backend.Name, Math.Round(clock.Elapsed.TotalSeconds, 1));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The failure to raise instead of <paramref name="error"/>; null lets a cancellation by the caller through.</summary>
    private InvalidOperationException? Translate(Exception error, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (error is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            LogCanceled(logger, backend.Name, Math.Round(elapsed.TotalSeconds, 1));
            return null;
        }
        // The client's retry policy reports a request that failed on every try as an AggregateException of the tries.
        var last = error is AggregateException { InnerExceptions.Count: > 0 } tried ? tried.InnerExceptions[^1] : error;
        var remote = backend.Kind == BackendKind.OpenAICompatible;
        var tries = remote ? $" (tried {backend.MaxRetries + 1} time{(backend.MaxRetries == 0 ? "" : "s")})" : "";
        var reason = last switch
        {
            // A refusal's own message may quote part of the key, so it is not repeated.
            ClientResultException { Status: 401 or 403 } http =>
                $"refused the request (HTTP {http.Status}); check the API key in the environment variable that ApiKeyVariable names ('{backend.ApiKeyVariable}')",
            ClientResultException { Status: > 0 } http => $"answered HTTP {http.Status}{ServerMessage(http)}{tries}",
            OperationCanceledException or TimeoutException when remote =>
                $"did not answer within the {backend.RequestTimeoutSeconds} s timeout (RequestTimeoutSeconds){tries}",
            HttpRequestException or ClientResultException when remote => $"could not be reached at {backend.Endpoint}: {last.Message}{tries}",
            JsonException or FormatException or KeyNotFoundException or ArgumentException => $"sent a malformed answer: {last.Message}",
            _ => $"failed: {last.Message}",
        };
        LogFailed(logger, backend.Name, Math.Round(elapsed.TotalSeconds, 1), error.GetType().Name, reason);
        return new InvalidOperationException($"The back end '{backend.Name}' {reason}", error);
    }

    /// <summary>The server's own explanation from an OpenAI-style error body, clipped.</summary>
    private static string ServerMessage(ClientResultException error)
    {
        try
        {
            var content = error.GetRawResponse()?.Content?.ToString();
            if (string.IsNullOrWhiteSpace(content))
            {
                return "";
            }
            using var json = JsonDocument.Parse(content);
            var root = json.RootElement;
            var message = root.TryGetProperty("error", out var e)
                ? e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) ? m.ToString() : e.ToString()
                : root.TryGetProperty("message", out var top) ? top.ToString() : "";
            return message.Length == 0 ? "" : $": {(message.Length > 200 ? message[..200] + "..." : message)}";
        }
        catch (Exception parse) when (parse is JsonException or InvalidOperationException)
        {
            return "";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Back end {Backend}: the call was canceled after {Seconds} s")]
    private static partial void LogCanceled(ILogger logger, string backend, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Back end {Backend}: the call failed after {Seconds} s ({ErrorType}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string backend, double seconds, string errorType, string reason);
}
