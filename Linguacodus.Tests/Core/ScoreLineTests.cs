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

    [Theory]
    [InlineData("LINGUACODUS_VALIDATION {\"metric\": \"rmse\", \"score\": 12.5, \"naive\": 81.25}", 12.5, 81.25)]
    [InlineData("LINGUACODUS_VALIDATION {\"score\": 0.9, \"naive\": \"0.5\"}", 0.9, 0.5)]
    // Stored and printed before the naive score existed: the score alone.
    [InlineData("LINGUACODUS_VALIDATION {\"metric\": \"rmse\", \"score\": 12.5}", 12.5, null)]
    [InlineData("LINGUACODUS_VALIDATION {\"score\": 0.9, \"naive\": null}", 0.9, null)]
    // What Python's json.dumps writes for a NaN or infinite naive score: no naive score, the score kept.
    [InlineData("LINGUACODUS_VALIDATION {\"score\": 0.9, \"naive\": NaN}", 0.9, null)]
    [InlineData("LINGUACODUS_VALIDATION {\"score\": 0.9, \"naive\": -Infinity}", 0.9, null)]
    [InlineData("LINGUACODUS_VALIDATION {\"score\": 0.9, \"naive\": \"low\"}", 0.9, null)]
    public void TryParse_WithNaive_ReadsBothOrTheScoreAlone(string line, double expectedScore, double? expectedNaive)
    {
        Assert.True(ScoreLine.TryParse(line, out var score, out var naive));
        Assert.Equal(expectedScore, score);
        Assert.Equal(expectedNaive, naive);
    }

    [Theory]
    [InlineData("LINGUACODUS_VALIDATION {\"score\": NaN, \"naive\": 0.5}")]
    [InlineData("LINGUACODUS_VALIDATION {\"naive\": 0.5}")]
    public void TryParse_NaiveWithoutUsableScore_ReturnsFalse(string line)
    {
        Assert.False(ScoreLine.TryParse(line, out _, out var naive));
        Assert.Null(naive);
    }

    [Theory]
    [InlineData("0.25", 0.25)]
    [InlineData("None", null)]
    [InlineData("float('nan')", null)]
    public async Task Python_LineWithNaiveRunByPython_ParsesBack(string naiveValue, double? expected)
    {
        var program = $"import json\nscore = 0.125\nnaive_score = {naiveValue}\n" + ScoreLine.Python("rmse", "score", "naive_score");

        var output = await RunPythonAsync(program);

        Assert.True(ScoreLine.TryParse(output.Trim(), out var score, out var naive), output);
        Assert.Equal(0.125, score);
        Assert.Equal(expected, naive);
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

        var output = await RunPythonAsync(program);

        Assert.True(ScoreLine.TryParse(output.Trim(), out var score, out var naive), output);
        Assert.Equal(0.125, score);
        Assert.Null(naive);
    }

    private static async Task<string> RunPythonAsync(string program)
    {
        using var python = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(SklearnMetric.PythonPath)
        {
            ArgumentList = { "-c", program },
            RedirectStandardOutput = true,
        })!;
        var output = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();
        return output;
    }
}
