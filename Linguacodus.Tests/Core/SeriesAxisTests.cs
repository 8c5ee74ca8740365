using System.Globalization;
using System.Text;
using System.Text.Json;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>The time axis of a dated series, told from the files: never the id, its frequency, and the submission keyed by it.</summary>
public sealed class SeriesAxisTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-series-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Profile_DailyDatesKeyingTheSampleSubmission_AreTheTimeAxisNotTheId()
    {
        // A tabular data type: the files alone say this is a series.
        var folder = Write(Days(new DateTime(2024, 1, 1), 40, TimeSpan.FromDays(1)), sample: true);

        var profile = DataProfiler.Profile(folder);

        Assert.Null(profile.IdColumn);
        Assert.Equal("date", profile.DateColumn);
        Assert.Equal(TaskKind.Forecast, profile.TaskKind);
        Assert.Equal("date", profile.SubmissionKey);
        Assert.Equal(["date", "sales"], profile.SubmissionColumns);
        Assert.Contains(profile.Features, c => c.Name == "date");
        var series = Assert.IsType<SeriesAxis>(profile.Series);
        Assert.Equal(SeriesFrequency.Daily, series.Frequency);
        Assert.Equal(7, series.SeasonLength);
        Assert.Equal("2024-01-01", series.TrainStart);
        Assert.Equal("2024-02-09", series.TrainEnd);
        Assert.Equal("2024-02-10 to 2024-02-19", series.TestPeriod);
    }

    [Theory]
    [InlineData("hours", SeriesFrequency.Hourly, 24)]
    [InlineData("weeks", SeriesFrequency.Weekly, 52)]
    [InlineData("months", SeriesFrequency.Monthly, 12)]
    [InlineData("quarters", SeriesFrequency.Quarterly, 4)]
    [InlineData("years", SeriesFrequency.Yearly, 1)]
    public void Profile_RegularSpacing_GivesFrequencyAndSeasonLength(string step, SeriesFrequency frequency, int season)
    {
        var start = new DateTime(2000, 1, 1);
        DateTime At(int i) => step switch
        {
            "hours" => start.AddHours(i),
            "weeks" => start.AddDays(7 * i),
            "months" => start.AddMonths(i),
            "quarters" => start.AddMonths(3 * i),
            _ => start.AddYears(i),
        };
        var format = step == "hours" ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd";
        var folder = Write([.. Enumerable.Range(0, 50).Select(i => At(i).ToString(format, CultureInfo.InvariantCulture))], sample: false);

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(frequency, profile.Series?.Frequency);
        Assert.Equal(season, profile.Series?.SeasonLength);
        Assert.Equal(["date", "sales"], profile.SubmissionColumns);
    }

    [Fact]
    public void Profile_BusinessDaysWithWeekendGaps_AreDaily()
    {
        var days = Enumerable.Range(0, 70).Select(i => new DateTime(2024, 1, 1).AddDays(i))
            .Where(d => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            .Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

        var profile = DataProfiler.Profile(Write(days, sample: false));

        Assert.Equal(SeriesFrequency.Daily, profile.Series?.Frequency);
    }

    [Fact]
    public void Profile_TestDatesAmongTrainDates_AreNoSeries()
    {
        var days = Days(new DateTime(2024, 1, 1), 50, TimeSpan.FromDays(1));
        // Every fifth day is a test row: the test does not follow the training period.
        var folder = Write(days, sample: true, isTest: i => i % 5 == 0);

        var profile = DataProfiler.Profile(folder);

        Assert.Null(profile.Series);
        Assert.Equal(TaskKind.Regression, profile.TaskKind);
    }

    [Fact]
    public void Profile_IrregularDates_AreNoSeries()
    {
        var random = new Random(3);
        var day = new DateTime(2024, 1, 1);
        var days = Enumerable.Range(0, 50).Select(_ => (day = day.AddDays(random.Next(1, 12))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

        var profile = DataProfiler.Profile(Write(days, sample: false));

        Assert.Null(profile.Series);
    }

    [Fact]
    public void Validate_SubmissionKeyedByDate_MatchesRowsByDateInAnyOrder()
    {
        var folder = Write(Days(new DateTime(2024, 1, 1), 40, TimeSpan.FromDays(1)), sample: true);
        var profile = DataProfiler.Profile(folder);
        var submission = Path.Combine(_dir, "submission.csv");

        File.WriteAllText(submission, "date,sales\n" + string.Join("\n", Enumerable.Range(0, 10).Reverse().Select(i => $"2024-02-{10 + i},1")) + "\n");
        Assert.Empty(SubmissionCheck.Validate(submission, profile, folder));

        File.WriteAllText(submission, "date,sales\n" + string.Join("\n", Enumerable.Range(0, 10).Select(i => $"2024-03-{10 + i},1")) + "\n");
        Assert.Contains(SubmissionCheck.Validate(submission, profile, folder), p => p.Contains("10 date values of test.csv are missing", StringComparison.Ordinal));
    }

    [Fact]
    public void RunJson_ProfileStoredBeforeSeriesExisted_LoadsWithoutSeries()
    {
        var profile = DataProfiler.Profile(Write(Days(new DateTime(2024, 1, 1), 40, TimeSpan.FromDays(1)), sample: true));
        var stored = JsonSerializer.SerializeToNode(profile, RunJson.Options)!.AsObject();
        Assert.True(stored.Remove(stored.ContainsKey("series") ? "series" : "Series"));

        var loaded = stored.Deserialize<DataProfile>(RunJson.Options)!;

        Assert.Null(loaded.Series);
        Assert.Equal(profile.TargetColumn, loaded.TargetColumn);
        Assert.Equal(SeriesFrequency.Daily, JsonSerializer.SerializeToNode(profile, RunJson.Options).Deserialize<DataProfile>(RunJson.Options)!.Series?.Frequency);
    }

    private static List<string> Days(DateTime start, int count, TimeSpan step) =>
        [.. Enumerable.Range(0, count + 10).Select(i => (start + (step * i)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];

    /// <summary>A series of dates, the last ten (or those <paramref name="isTest"/> picks) to forecast.</summary>
    private TaskFolder Write(List<string> dates, bool sample, Func<int, bool>? isTest = null)
    {
        isTest ??= i => i >= dates.Count - 10;
        var train = new StringBuilder("date,temperature,sales\n");
        var test = new StringBuilder("date,temperature\n");
        var submission = new StringBuilder("date,sales\n");
        for (var i = 0; i < dates.Count; i++)
        {
            if (isTest(i))
            {
                test.Append($"{dates[i]},{i % 9}\n");
                submission.Append($"{dates[i]},0\n");
            }
            else
            {
                train.Append($"{dates[i]},{i % 9},{(i * 7 % 13) + 0.5}\n");
            }
        }
        File.WriteAllText(Path.Combine(_dir, "train.csv"), train.ToString());
        File.WriteAllText(Path.Combine(_dir, "test.csv"), test.ToString());
        if (sample)
        {
            File.WriteAllText(Path.Combine(_dir, "sample_submission.csv"), submission.ToString());
        }
        return TaskFolder.Create(_dir, new MlTask("t", "Predict sales.", "tabular", "rmse", "", ""));
    }
}
