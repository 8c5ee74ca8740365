using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Core;

/// <summary>
/// The baseline program's pictures never change its outcome: with matplotlib broken it names what it skipped on one
/// line and prints the same validation line and writes the same submission as with it (real Python, an example's data).
/// </summary>
public sealed class BaselineDiagnosticsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-baseline-diagnostics-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    // matplotlib cannot be imported at all.
    [InlineData("diabetes-progression", "import sys\nsys.modules[\"matplotlib\"] = None\n")]
    // It imports, but every figure fails to draw.
    [InlineData("breast-cancer", "import matplotlib.pyplot\nmatplotlib.pyplot.subplots = None\n")]
    [InlineData("co2-forecast", "import matplotlib.pyplot\nmatplotlib.pyplot.subplots = None\n")]
    public async Task Program_PlottingFails_SameScoreAndSubmissionAndOneLineSaysWhy(string example, string breakPlotting)
    {
        var program = Program(example);
        var plain = await RunAsync(example, "plain", program);
        var broken = await RunAsync(example, "broken", breakPlotting + program);

        Assert.Equal(plain.ScoreLine, broken.ScoreLine);
        Assert.Equal(plain.Submission, broken.Submission);
        Assert.NotEmpty(plain.Pictures);
        Assert.Empty(broken.Pictures);
        var skipped = Assert.Single(broken.Output.Split('\n'), l => l.StartsWith("diagnostics skipped: ", StringComparison.Ordinal));
        Assert.True(skipped.Length <= 300, skipped);
        Assert.DoesNotContain("diagnostics skipped", plain.Output, StringComparison.Ordinal);
    }

    private static string Program(string example)
    {
        var folder = TaskFolder.Load(Repository.Example(example));
        var request = new CodeRequest(folder, DataProfiler.Profile(folder), "Use whatever works.", new Dictionary<CodeStage, string>());
        return ProgramAssembler.Assemble(example, CodeStages.All.ToDictionary(s => s, s => BaselineCodeWriter.Write(request, s, robust: false)));
    }

    private async Task<(string ScoreLine, string Submission, string[] Pictures, string Output)> RunAsync(string example, string name, string program)
    {
        var work = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        foreach (var csv in Directory.EnumerateFiles(Repository.Example(example), "*.csv"))
        {
            File.Copy(csv, Path.Combine(work, Path.GetFileName(csv)));
        }
        await File.WriteAllTextAsync(Path.Combine(work, "solution.py"), program);

        var (exitCode, output) = await BaselineMetricTests.RunPythonAsync(work);

        Assert.True(exitCode == 0, output);
        var line = output.Split('\n').Single(l => l.StartsWith(ScoreLine.Marker, StringComparison.Ordinal));
        Assert.True(ScoreLine.TryParse(line, out _, out var naive) && naive is not null, line);
        return (line, await File.ReadAllTextAsync(Path.Combine(work, "submission.csv")), Directory.GetFiles(work, "validation_*.png"), output);
    }
}
