using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Linguacodus.Web;

/// <summary>
/// Headers that keep a browser from running, framing or sniffing anything the app did not mean as script. The
/// content security policy allows scripts from the app's own origin only (Blazor, MudBlazor, Monaco all come from
/// /_framework and /_content) plus, by hash, the inline scripts the app itself renders (Blazor's import map):
/// model text or program output that ever reached the page as HTML still could not run.
/// </summary>
public static partial class SecurityHeaders
{
    /// <summary>Pages are tiny shells (no prerendering), so buffering one to hash its inline scripts costs nothing.</summary>
    private const int MaxBufferedPageBytes = 1 << 20;

    /// <summary>
    /// The policy. Styles allow 'unsafe-inline' because MudBlazor and Monaco set style attributes and add style
    /// elements at run time; styles cannot run script. Monaco starts its workers from blob: URLs when it must.
    /// </summary>
    public static string Policy(IEnumerable<string> inlineScriptHashes) =>
        "default-src 'self'; " +
        $"script-src 'self'{string.Concat(inlineScriptHashes.Select(h => $" 'sha256-{h}'"))}; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "worker-src 'self' blob:; frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (!IsPage(context))
        {
            headers.ContentSecurityPolicy = Policy([]);
            await next();
            return;
        }
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = original;
        }
        var html = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true && buffer.Length <= MaxBufferedPageBytes;
        if (!context.Response.HasStarted)
        {
            headers.ContentSecurityPolicy = Policy(html ? InlineScriptHashes(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)) : []);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    });

    /// <summary>SHA-256 (base64) of each inline script's exact text, as CSP hash sources need it.</summary>
    internal static IReadOnlyList<string> InlineScriptHashes(string html) =>
        [.. InlineScript().Matches(html).Select(m => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))).Distinct()];

    /// <summary>Razor component pages (and requests that found no endpoint, which re-execute as the not-found page).</summary>
    private static bool IsPage(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.WebSockets.IsWebSocketRequest)
        {
            return false;
        }
        var endpoint = context.GetEndpoint();
        return endpoint is null || endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
    }

    [GeneratedRegex("<script(?![^>]*\\ssrc\\s*=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
