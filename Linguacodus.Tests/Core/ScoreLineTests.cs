using Linguacodus.Core.Artifacts;

namespace Linguacodus.Tests.Core;

public sealed class ScoreLineTests
{
    [Theory]
    [InlineData("LINGUACODUS_VALIDATION {\"metric\": \"rmse\", \"score\": 12.5}", 12.5)]
    [InlineData("noise LINGUACODUS_VALIDATION {\"score\": \"0.91\"}", 0.91)]
    [InlineData("LINGUACODUS_VALIDATION {\"score\": -3e-2}", -0.03)]
    public void TryParse_MarkerLine_ReadsTheScore(string line, double expected)
    {
        Assert.True(ScoreLine.TryParse(line, out var score));
        Assert.Equal(expected, score);
    }

    [Theory]
    [InlineData("LINGUACODUS_VALIDATION not json")]
    [InlineData("LINGUACODUS_VALIDATION {\"metric\": \"rmse\"}")]
    [InlineData("LINGUACODUS_VALIDATION {\"score\": null}")]
    [InlineData("LINGUACODUS_VALIDATION {\"score\": \"high\"}")]
    [InlineData("LINGUACODUS_VALIDATION [1]")]
    [InlineData("validation score 0.9")]
    public void TryParse_OtherLine_ReturnsFalse(string line)
    {
        Assert.False(ScoreLine.TryParse(line, out _));
    }

    [Fact]
    public void Python_PrintsTheLineThePromptsAskFor()
    {
        Assert.Equal(
            "print(\"LINGUACODUS_VALIDATION \" + json.dumps({\"metric\": \"map@5\", \"score\": float(score)}), flush=True)",
            ScoreLine.Python("map@5"));
    }

    [Fact]
    public async Task Python_LineRunByPython_ParsesBack()
    {
        var program = "import json\nscore = 0.125\n" + ScoreLine.Python("rmse");
        using var python = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(SklearnMetric.PythonPath)
        {
            ArgumentList = { "-c", program },
            RedirectStandardOutput = true,
        })!;
        var output = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();

        Assert.True(ScoreLine.TryParse(output.Trim(), out var score), output);
        Assert.Equal(0.125, score);
    }
}
