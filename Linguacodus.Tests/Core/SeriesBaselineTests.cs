using System.Globalization;
using System.Text;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Baseline;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>
/// The baseline forecast run by real Python: a time-ordered validation period, calendar features by frequency, and the
/// seasonal-naive forecast submitted when the model does not beat it.
/// </summary>
public sealed class SeriesBaselineTests : IDisposable
{
    private const int TrainDays = 400;
    private const int TestDays = 28;
    private static readonly DateTime Start = new(2023, 1, 1);

    private readonly string _dir = Directory.CreateTempSubdirectory("lc-series-baseline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Baseline_LevelShiftTheCalendarCannotExplain_SubmitsTheSeasonalNaiveForecast()
    {
        // The level jumps late in training: the calendar and the trend cannot follow it, the last week repeated can.
        var random = new Random(5);
        double[] week = [3, 9, 11, 10, 12, 25, 30];
        var sales = Enumerable.Range(0, TrainDays + TestDays)
            .Select(day => (day >= 300 ? 40 : 0) + week[(int)Start.AddDays(day).DayOfWeek] + (random.NextDouble() * 0.2)).ToList();
        var folder = Write(sales, random);
        var profile = DataProfiler.Profile(folder);
        var request = new CodeRequest(folder, profile, "Use whatever works.", new Dictionary<CodeStage, string>());
        var stages = CodeStages.All.ToDictionary(s => s, s => BaselineCodeWriter.Write(request, s, robust: false));
        var program = ProgramAssembler.Assemble("Sales", stages);
        await File.WriteAllTextAsync(Path.Combine(_dir, "solution.py"), program);

        var (exitCode, output) = await BaselineMetricTests.RunPythonAsync(_dir);

        Assert.True(exitCode == 0, output);
        Assert.Empty(ValidityLint.Check(program, profile));
        Assert.Contains("calendar features ['month', 'doy_sin', 'doy_cos', 'dayofweek']", output);
        Assert.Contains("submitting the seasonal-naive forecast: the model does not beat it", output);
        var comparison = output.Split('\n').Single(l => l.StartsWith("validation mae on the last 28 periods", StringComparison.Ordinal));
        var naive = double.Parse(comparison[(comparison.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        Assert.True(ScoreLine.TryParse(output.Split('\n').Single(l => l.StartsWith(ScoreLine.Marker, StringComparison.Ordinal)), out var reported));
        Assert.Equal(naive, reported, 4);
        // The submission is the last training week, repeated, keyed by the test dates.
        var submission = File.ReadAllLines(Path.Combine(_dir, "submission.csv"));
        Assert.Equal("date,sales", submission[0]);
        for (var day = 0; day < TestDays; day++)
        {
            var fields = submission[day + 1].Split(',');
            Assert.Equal(Date(TrainDays + day), fields[0]);
            Assert.Equal(sales[TrainDays - 7 + (day % 7)], double.Parse(fields[1], CultureInfo.InvariantCulture), 6);
        }
    }

    [Fact]
    public async Task Baseline_TwoTargets_EachChoosesItsOwnForecastAndTheScoreIsTheirAverage()
    {
        // Sales jump late in training (only the last week repeated follows); visitors follow the weekday and the temperature.
        var random = new Random(11);
        double[] week = [3, 9, 11, 10, 12, 25, 30];
        var temperatures = Enumerable.Range(0, TrainDays + TestDays).Select(_ => Math.Round(random.NextDouble() * 20, 1)).ToList();
        var sales = Enumerable.Range(0, TrainDays + TestDays).Select(day => (day >= 300 ? 40 : 0) + week[(int)Start.AddDays(day).DayOfWeek] + (random.NextDouble() * 0.2)).ToList();
        var visitors = Enumerable.Range(0, TrainDays + TestDays).Select(day => (2 * week[(int)Start.AddDays(day).DayOfWeek]) + (3 * temperatures[day]) + random.NextDouble()).ToList();
        var train = new StringBuilder("date,temperature,sales,visitors\n");
        var test = new StringBuilder("date,temperature\n");
        var sample = new StringBuilder("date,sales,visitors\n");
        for (var day = 0; day < TrainDays + TestDays; day++)
        {
            if (day < TrainDays)
            {
                train.Append(CultureInfo.InvariantCulture, $"{Date(day)},{temperatures[day]},{sales[day]:R},{visitors[day]:R}\n");
                continue;
            }
            test.Append(CultureInfo.InvariantCulture, $"{Date(day)},{temperatures[day]}\n");
            sample.Append(CultureInfo.InvariantCulture, $"{Date(day)},0,0\n");
        }
        File.WriteAllText(Path.Combine(_dir, "train.csv"), train.ToString());
        File.WriteAllText(Path.Combine(_dir, "test.csv"), test.ToString());
        File.WriteAllText(Path.Combine(_dir, "sample_submission.csv"), sample.ToString());
        var folder = TaskFolder.Create(_dir, new MlTask("Shop", "Forecast daily sales and visitors.", "time series", "mean columnwise rmse", "", ""));
        var profile = DataProfiler.Profile(folder);
        Assert.Equal(["sales", "visitors"], profile.Targets);
        var request = new CodeRequest(folder, profile, "Use whatever works.", new Dictionary<CodeStage, string>());
        var program = ProgramAssembler.Assemble("Shop", CodeStages.All.ToDictionary(s => s, s => BaselineCodeWriter.Write(request, s, robust: false)));
        await File.WriteAllTextAsync(Path.Combine(_dir, "solution.py"), program);

        var (exitCode, output) = await BaselineMetricTests.RunPythonAsync(_dir);

        Assert.True(exitCode == 0, output);
        Assert.Empty(ValidityLint.Check(program, profile));
        Assert.Contains("sales: submitting the seasonal-naive forecast: the model does not beat it", output);
        // Each target's chosen score is the better of its two; the reported score is their average.
        var chosen = output.Split('\n').Where(l => l.Contains(": validation ", StringComparison.Ordinal) && l.Contains("seasonal naive", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Matches(l, @"-?\d+\.\d{4}").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).Min()).ToList();
        Assert.Equal(2, chosen.Count);
        Assert.True(ScoreLine.TryParse(output.Split('\n').Single(l => l.StartsWith(ScoreLine.Marker, StringComparison.Ordinal)), out var reported));
        Assert.Equal(chosen.Average(), reported, 3);
        var submission = File.ReadAllLines(Path.Combine(_dir, "submission.csv"));
        Assert.Equal("date,sales,visitors", submission[0]);
        for (var day = 0; day < TestDays; day++)
        {
            var fields = submission[day + 1].Split(',');
            Assert.Equal(sales[TrainDays - 7 + (day % 7)], double.Parse(fields[1], CultureInfo.InvariantCulture), 6);
            Assert.True(Math.Abs(visitors[TrainDays + day] - double.Parse(fields[2], CultureInfo.InvariantCulture)) < 15, $"visitors on {fields[0]}: {fields[2]}");
        }
    }

    private static string Date(int day) => Start.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private TaskFolder Write(List<double> sales, Random random)
    {
        var train = new StringBuilder("date,temperature,sales\n");
        var test = new StringBuilder("date,temperature\n");
        var sample = new StringBuilder("date,sales\n");
        for (var day = 0; day < sales.Count; day++)
        {
            var temperature = (random.NextDouble() * 20).ToString("0.#", CultureInfo.InvariantCulture);
            if (day < TrainDays)
            {
                train.Append(CultureInfo.InvariantCulture, $"{Date(day)},{temperature},{sales[day]:R}\n");
            }
            else
            {
                test.Append(CultureInfo.InvariantCulture, $"{Date(day)},{temperature}\n");
                sample.Append(CultureInfo.InvariantCulture, $"{Date(day)},0\n");
            }
        }
        File.WriteAllText(Path.Combine(_dir, "train.csv"), train.ToString());
        File.WriteAllText(Path.Combine(_dir, "test.csv"), test.ToString());
        File.WriteAllText(Path.Combine(_dir, "sample_submission.csv"), sample.ToString());
        return TaskFolder.Create(_dir, new MlTask("Sales", "Forecast daily sales.", "tabular", "mae", "", ""));
    }
}
