using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Linguacodus.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Linguacodus.Tests.Inference.Llm;

/// <summary>
/// An OpenAI-style <c>/v1/chat/completions</c> endpoint on 127.0.0.1 (a free port) that answers each request as the
/// test says: a chat-completion stream from TestData/Llm, an HTTP error, or silence. It keeps every request it got.
/// </summary>
internal sealed class LoopbackChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackChatServer(WebApplication app) => _app = app;

    /// <summary>The requests in arrival order.</summary>
    public ConcurrentQueue<Request> Requests { get; } = new();

    public string Endpoint { get; private set; } = "";

    public static async Task<LoopbackChatServer> StartAsync(Func<Request, Reply> reply)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackChatServer(app);
        app.MapPost("/v1/chat/completions", async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var request = new Request(server.Requests.Count + 1, body, context.Request.Headers.Authorization.ToString());
            server.Requests.Enqueue(request);
            await reply(request).WriteAsync(context);
        });
        await app.StartAsync();
        server.Endpoint = app.Urls.Single() + "/v1";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    public sealed record Request(int Number, string Body, string Authorization)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        /// <summary>The text of the request's last message.</summary>
        public string Prompt => Json.GetProperty("messages").EnumerateArray().Last().GetProperty("content") is { ValueKind: JsonValueKind.String } text
            ? text.GetString()!
            : string.Concat(Json.GetProperty("messages").EnumerateArray().Last().GetProperty("content").EnumerateArray().Select(p => p.GetProperty("text").GetString()));

        public string Model => Json.GetProperty("model").GetString()!;
    }

    public abstract record Reply
    {
        /// <summary>Streams a recorded chat-completion stream (server-sent events), one event per write.</summary>
        public static Reply Stream(string file) => new Sse(File.ReadAllText(Path.Combine(Repository.Root, "Linguacodus.Tests", "TestData", "Llm", file)));

        public static Reply Error(int status, string file) => new Failure(status, File.ReadAllText(Path.Combine(Repository.Root, "Linguacodus.Tests", "TestData", "Llm", file)));

        /// <summary>Accepts the request and never answers.</summary>
        public static Reply Silence { get; } = new Stall();

        public abstract Task WriteAsync(HttpContext context);
    }

    private sealed record Sse(string Events) : Reply
    {
        public override async Task WriteAsync(HttpContext context)
        {
            context.Response.ContentType = "text/event-stream";
            foreach (var item in Events.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                await context.Response.WriteAsync(item + "\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
    }

    private sealed record Failure(int Status, string Body) : Reply
    {
        public override async Task WriteAsync(HttpContext context)
        {
            context.Response.StatusCode = Status;
            context.Response.ContentType = "application/json";
            // Ask for an immediate retry, as a server under load does, so the test does not wait out the back-off.
            context.Response.Headers.RetryAfter = "0";
            await context.Response.WriteAsync(Body, context.RequestAborted);
        }
    }

    private sealed record Stall : Reply
    {
        public override async Task WriteAsync(HttpContext context)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as it should.
            }
        }
    }
}
