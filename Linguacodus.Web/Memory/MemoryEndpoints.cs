using System.Globalization;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Memory;
using Linguacodus.Web.Runs;

namespace Linguacodus.Web.Memory;

/// <summary>
/// The memory's training data as a download (what <c>export-training</c> writes), so the Settings page can offer it
/// without a shell. Streamed as it is written; the prompts use the same overrides the instructor does.
/// </summary>
public static class MemoryEndpoints
{
    public const string TrainingPath = "/memory/training.jsonl";

    /// <summary>Newline-delimited JSON; "jsonl" has no registered type.</summary>
    public const string TrainingContentType = "application/x-ndjson";

    /// <summary>The download link (relative to the app's base), with the least score kept when there is one.</summary>
    public static string TrainingUrl(double? minScore) => minScore is { } least
        ? $"{TrainingPath.TrimStart('/')}?minScore={Uri.EscapeDataString(least.ToString("R", CultureInfo.InvariantCulture))}"
        : TrainingPath.TrimStart('/');

    public static void MapMemory(this IEndpointRouteBuilder app) =>
        app.MapGet(TrainingPath, async (string? minScore, CaseMemory memory, PromptLibrary prompts, HttpContext http) =>
        {
            double? least = null;
            if (!string.IsNullOrWhiteSpace(minScore))
            {
                // Taken as text so a bad value gets a message that says what is wanted, not an empty 400.
                if (!double.TryParse(minScore, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
                {
                    return Results.Text("minScore must be a number, such as 0.9 (written with a dot).", "text/plain", statusCode: StatusCodes.Status400BadRequest);
                }
                least = parsed;
            }
            var cases = await memory.ListAsync(http.RequestAborted);
            Downloads.SecureHeaders(http);
            return Results.Stream(body => TrainingExport.WriteAsync(body, cases, prompts, least, http.RequestAborted), TrainingContentType, TrainingExport.FileName);
        });
}
