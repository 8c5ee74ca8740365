using System.ClientModel.Primitives;
using System.Globalization;

namespace Linguacodus.Inference.OpenAICompatible;

/// <summary>
/// The OpenAI client's retries (for 408, 429, 5xx, timeouts and dropped connections) with the wait a server asks for
/// in Retry-After, up to 30 s, or else half a second doubling per retry.
/// </summary>
internal sealed class BackendRetryPolicy(int maxRetries) : ClientRetryPolicy(maxRetries)
{
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount)
    {
        if (message.Response?.Headers.TryGetValue("Retry-After", out var value) == true
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, Longest.TotalSeconds));
        }
        return TimeSpan.FromMilliseconds(Math.Min(500 * Math.Pow(2, tryCount - 1), Longest.TotalMilliseconds));
    }
}
