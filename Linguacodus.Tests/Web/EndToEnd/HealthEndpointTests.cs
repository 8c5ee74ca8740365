using System.Net;
using System.Text.Json;

namespace Linguacodus.Tests.Web.EndToEnd;

/// <summary>The real server's probes: alive while it serves, ready when its database and sandbox work.</summary>
[Trait("Category", "EndToEnd")]
public sealed class HealthEndpointTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Healthz_ServingProcess_AnswersHealthyWithoutChecks()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        using var response = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Empty(body.RootElement.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Readyz_WorkingServer_ReportsDatabaseSandboxAndModelsHealthy()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        using var response = await http.GetAsync("/readyz");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var body = JsonDocument.Parse(text);
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(["database", "models", "sandbox"], checks.EnumerateObject().Select(c => c.Name).Order());
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("healthy", c.Value.GetProperty("status").GetString()));
        Assert.Contains("baseline engine", checks.GetProperty("models").GetProperty("description").GetString());
    }
}

/// <summary>A server whose sandbox cannot start a program (no bubblewrap where the settings say).</summary>
public sealed class BrokenSandboxAppFixture : WebAppFixture
{
    protected override void Configure(IDictionary<string, string?> environment) =>
        environment["Execution__BubblewrapPath"] = "/nonexistent/bwrap";
}

[Trait("Category", "EndToEnd")]
public sealed class ReadinessRefusalTests(BrokenSandboxAppFixture app) : IClassFixture<BrokenSandboxAppFixture>
{
    [Fact]
    public async Task Readyz_SandboxSelfTestFails_Answers503NamingWhy_WhileHealthzStaysUp()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        using var ready = await http.GetAsync("/readyz");
        using var live = await http.GetAsync("/healthz");

        var text = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, text);
        using var body = JsonDocument.Parse(text);
        var sandbox = body.RootElement.GetProperty("checks").GetProperty("sandbox");
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("unhealthy", sandbox.GetProperty("status").GetString());
        Assert.StartsWith("generated code will not run:", sandbox.GetProperty("description").GetString());
        Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
