using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static Linguacodus.Tests.Inference.Llm.LoopbackChatServer;

namespace Linguacodus.Tests.Inference.Llm;

/// <summary>
/// An OpenAI-compatible back end, registered through Semantic Kernel's connector as the app does, against a loopback
/// server replaying chat-completion streams: streaming, the verdict's JSON schema, and the ways a server fails.
/// </summary>
public sealed class OpenAICompatibleBackendTests
{
    private static readonly TaskFolder Co2 = TaskFolder.Load(Repository.Example("co2-forecast"));
    private static readonly string[] Candidates =
    [
        "Data Preprocessing:\n- Lags\nModel Architecture:\n- Gradient boosting\nModel Training:\n- Shuffled split",
        "Data Preprocessing:\n- Date features\nModel Architecture:\n- Trend plus season\nModel Training:\n- Time split",
        "Data Preprocessing:\n- None\nModel Architecture:\n- Random forest\nModel Training:\n- Fit once",
    ];

    private static CancellationToken Guard() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private static async Task<string> AskAsync(IChatClient chat)
    {
        var text = "";
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Critique the options.")], new ChatOptions { MaxOutputTokens = 64 }, Guard()))
        {
            text += update.Text;
        }
        return text;
    }

    [Fact]
    public async Task Judge_RecordedStreams_StreamsTheCritiqueAndReadsTheSchemaVerdict()
    {
        await using var server = await StartAsync(r => Reply.Stream(r.Prompt.Contains("senior machine-learning researcher", StringComparison.Ordinal) ? "critique.sse" : "verdict.sse"));
        using var backend = new RemoteBackend(RemoteBackend.Settings(server.Endpoint));
        var engine = backend.Provider.GetRequiredService<SolutionEngine>();
        var critique = new List<string>();

        var verdict = await engine.Judge.JudgeAsync(Co2.Task, DataProfiler.Profile(Co2), Candidates, [], critique.Add, Guard());

        Assert.Equal("llm:remote", engine.Name);
        Assert.Equal(11, critique.Count);
        Assert.EndsWith("Best option: 2", string.Concat(critique));
        Assert.Equal(2, verdict.ChosenIndex);
        Assert.StartsWith("Option 2 keeps time order", verdict.Reasons);
        Assert.Contains("- Validate on the last 24 months without shuffling", verdict.ImprovedInstruction);
        var resolver = server.Requests.Last().Json;
        Assert.True(resolver.GetProperty("stream").GetBoolean());
        Assert.Equal("qwen2.5-coder-7b-instruct", resolver.GetProperty("model").GetString());
        Assert.Equal("json_schema", resolver.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal("verdict", resolver.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Stream_ServerError_RetriesABoundedNumberOfTimesThenSaysWhatHappened()
    {
        await using var server = await StartAsync(_ => Reply.Error(500, "server-error.json"));
        using var backend = new RemoteBackend(RemoteBackend.Settings(server.Endpoint, maxRetries: 2));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AskAsync(backend.Client()));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("The back end 'remote' answered HTTP 500: CUDA out of memory while allocating the KV cache (tried 3 times)", error.Message);
    }

    [Fact]
    public async Task Stream_ServerErrorThenStream_RecoversOnRetry()
    {
        await using var server = await StartAsync(r => r.Number == 1 ? Reply.Error(503, "server-error.json") : Reply.Stream("critique.sse"));
        using var backend = new RemoteBackend(RemoteBackend.Settings(server.Endpoint, maxRetries: 2));

        var text = await AskAsync(backend.Client());

        Assert.Equal(2, server.Requests.Count);
        Assert.EndsWith("Best option: 2", text);
    }

    [Fact]
    public async Task Stream_ServerNeverAnswers_TimesOutRetriesAndSaysSo()
    {
        await using var server = await StartAsync(_ => Reply.Silence);
        using var backend = new RemoteBackend(RemoteBackend.Settings(server.Endpoint, maxRetries: 1, timeoutSeconds: 1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AskAsync(backend.Client()));

        // The two requests and the message show the timeout and the retry; how long they took depends on the machine.
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("The back end 'remote' did not answer within the 1 s timeout (RequestTimeoutSeconds) (tried 2 times)", error.Message);
    }

    [Fact]
    public async Task Stream_MalformedEvent_FailsClearlyAfterTheReadablePart()
    {
        await using var server = await StartAsync(_ => Reply.Stream("malformed.sse"));
        using var backend = new RemoteBackend(RemoteBackend.Settings(server.Endpoint));
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var update in backend.Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")], null, Guard()))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal("Option 1", string.Concat(received));
        Assert.StartsWith("The back end 'remote' sent a malformed answer: ", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ApiKey_FromTheNamedVariable_IsSentButNeverShownOrLogged()
    {
        const string Key = "sk-loopback-7d1f0a9c";
        var variable = $"LINGUACODUS_TEST_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, Key);
        try
        {
            await using var server = await StartAsync(_ => Reply.Error(401, "unauthorized.json"));
            using var backend = new RemoteBackend(RemoteBackend.Settings(server.Endpoint, maxRetries: 2, apiKeyVariable: variable));

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AskAsync(backend.Client()));

            Assert.Equal($"Bearer {Key}", Assert.Single(server.Requests).Authorization);
            Assert.Equal($"The back end 'remote' refused the request (HTTP 401); check the API key in the environment variable that ApiKeyVariable names ('{variable}')", error.Message);
            Assert.DoesNotContain(Key, error.ToString());
            Assert.NotEmpty(backend.Log.Messages);
            Assert.DoesNotContain(backend.Log.Messages, m => m.Contains(Key, StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
