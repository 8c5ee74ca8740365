using System.Text.Json;
using Linguacodus.Tests.Inference.Llm;
using Microsoft.AspNetCore.Http;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>
/// The real web app with its LLM engine pointed at a loopback OpenAI-compatible endpoint (the product's own path
/// for a served model, no test hook in the app). The endpoint streams each of the three candidate instructions as
/// <see cref="TokensPerCandidate"/> small tokens, each carrying the wall-clock time (Unix ms) at which the endpoint
/// sent it, e.g. <c>«c2.017@1764111222333»</c>. The streams wait for <see cref="Release"/>, so a test can start
/// watching the page first. Other prompts (the judge's) get a short plain answer.
/// </summary>
public sealed class StreamingModelAppFixture : WebAppFixture
{
    public const int TokensPerCandidate = 60;

    /// <summary>Between two tokens of one candidate; the three candidates stream at the same time.</summary>
    public static readonly TimeSpan TokenInterval = TimeSpan.FromMilliseconds(20);

    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly string[] Ranks = ["first", "second", "third"];

    private LoopbackChatServer? _model;

    /// <summary>Lets the candidate streams begin.</summary>
    public void Release() => _released.TrySetResult();

    public override async Task InitializeAsync()
    {
        _model = await LoopbackChatServer.StartAsync(request => Rank(request.Prompt) is { } candidate
            ? new TimestampedTokens(candidate, _released.Task)
            : new PlainAnswer("Option 1 is the strongest.\nChosen: 1\nImproved instruction:\nData Preprocessing:\n- Keep it simple.\n"));
        await base.InitializeAsync();
    }

    /// <summary>The card an instruction prompt is for: the instruction writer asks for the first, second and third place.</summary>
    private static int? Rank(string prompt)
    {
        for (var i = 0; i < Ranks.Length; i++)
        {
            if (prompt.Contains($"Write the {Ranks[i]} place instruction", StringComparison.Ordinal))
            {
                return i + 1;
            }
        }
        return null;
    }

    protected override void Configure(IDictionary<string, string?> environment)
    {
        environment["Inference__DefaultBackend"] = "stream";
        environment["Inference__Backends__0__Name"] = "stream";
        environment["Inference__Backends__0__Kind"] = "OpenAICompatible";
        environment["Inference__Backends__0__Endpoint"] = _model!.Endpoint;
        environment["Inference__Backends__0__ModelId"] = "timestamped-tokens";
        environment["Inference__Backends__0__MaxRetries"] = "0";
    }

    public override async Task DisposeAsync()
    {
        Release();
        await base.DisposeAsync();
        if (_model is not null)
        {
            await _model.DisposeAsync();
        }
    }

    private static string Chunk(string content, string? finish = null) => "data: " + JsonSerializer.Serialize(new
    {
        id = "chatcmpl-latency",
        @object = "chat.completion.chunk",
        created = 1_764_000_000,
        model = "timestamped-tokens",
        choices = new[] { new { index = 0, delta = new { role = "assistant", content }, finish_reason = finish } },
    }) + "\n\n";

    private static async Task WriteAsync(HttpContext context, string events)
    {
        await context.Response.WriteAsync(events, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>One candidate: a heading, then tokens stamped with the time they leave the endpoint.</summary>
    private sealed record TimestampedTokens(int Candidate, Task Released) : LoopbackChatServer.Reply
    {
        public override async Task WriteAsync(HttpContext context)
        {
            context.Response.ContentType = "text/event-stream";
            await Released.WaitAsync(context.RequestAborted);
            await StreamingModelAppFixture.WriteAsync(context, Chunk("Data Preprocessing:\n- "));
            for (var token = 0; token < TokensPerCandidate; token++)
            {
                await Task.Delay(TokenInterval, context.RequestAborted);
                await StreamingModelAppFixture.WriteAsync(context, Chunk($"«c{Candidate}.{token:000}@{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}» "));
            }
            await StreamingModelAppFixture.WriteAsync(context, Chunk("\nModel Architecture:\n- A model.\nModel Training:\n- Train it.\n", "stop") + "data: [DONE]\n\n");
        }
    }

    private sealed record PlainAnswer(string Text) : LoopbackChatServer.Reply
    {
        public override async Task WriteAsync(HttpContext context)
        {
            context.Response.ContentType = "text/event-stream";
            await StreamingModelAppFixture.WriteAsync(context, Chunk(Text, "stop") + "data: [DONE]\n\n");
        }
    }
}
