namespace Linguacodus.Core.Data;

/// <summary>
/// The date column a task is a series over: one row per period, regularly spaced, the test rows after the training rows.
/// Such a column is the time axis, never an id, and the forecast is validated on the last periods of training.
/// </summary>
/// <param name="Column">The date column.</param>
/// <param name="Frequency">How far apart the rows are.</param>
/// <param name="SeasonLength">Periods in one season (7 days, 52 weeks, 12 months...): what the seasonal-naive forecast repeats.</param>
/// <param name="TrainStart">The first training date, as written in the file.</param>
/// <param name="TrainEnd">The last training date.</param>
/// <param name="TestStart">The first date to forecast.</param>
/// <param name="TestEnd">The last date to forecast.</param>
public sealed record SeriesAxis(
    string Column, SeriesFrequency Frequency, int SeasonLength, string TrainStart, string TrainEnd, string TestStart, string TestEnd)
{
    // Steps that skip periods (a missing day, a weekend) are allowed; most steps must be exactly one period.
    private const double OnePeriodShare = 0.5;
    private const double WholePeriodsShare = 0.9;

    /// <summary>Lower case words for messages and prompts, e.g. "daily".</summary>
    public string FrequencyText => Frequency.ToString().ToLowerInvariant();

    /// <summary>The season length a frequency implies.</summary>
    public static int SeasonOf(SeriesFrequency frequency) => frequency switch
    {
        SeriesFrequency.Hourly => 24,
        SeriesFrequency.Daily => 7,
        SeriesFrequency.Weekly => 52,
        SeriesFrequency.Monthly => 12,
        SeriesFrequency.Quarterly => 4,
        _ => 1,
    };

    /// <summary>Whether rows are a day apart or closer, so the day of the week can matter.</summary>
    public bool DailyOrFiner => Frequency is SeriesFrequency.Hourly or SeriesFrequency.Daily;

    /// <summary>The first date column of both train and test that is a series' time axis, or null.</summary>
    public static SeriesAxis? Detect(string trainFile, string testFile, IEnumerable<ColumnProfile> columns, IReadOnlyList<string> testColumns) =>
        columns.Where(c => c.Kind == ColumnKind.Date && testColumns.Contains(c.Name))
            .Select(c => Find(trainFile, testFile, c.Name))
            .FirstOrDefault(axis => axis is not null);

    /// <summary>Reads a date column of both files and tells whether it is a series' time axis.</summary>
    /// <returns>The axis, or null when a date is missing or repeated, the spacing is irregular, or test does not follow train.</returns>
    public static SeriesAxis? Find(string trainFile, string testFile, string column)
    {
        var train = ReadDates(trainFile, column);
        var test = ReadDates(testFile, column);
        if (train is not { Dates.Count: >= 3 } || test is not { Dates.Count: > 0 })
        {
            return null;
        }

        var dates = train.Dates;
        dates.Sort();
        var distinct = Enumerable.Range(1, dates.Count - 1).All(i => dates[i] != dates[i - 1]);
        if (!distinct || test.Earliest.Date <= train.Latest.Date || FrequencyOf(dates) is not { } frequency)
        {
            return null;
        }

        return new SeriesAxis(column, frequency, SeasonOf(frequency), train.Earliest.Text, train.Latest.Text, test.Earliest.Text, test.Latest.Text);
    }

    /// <summary>The frequency of sorted, distinct dates, or null when they are not regularly spaced.</summary>
    internal static SeriesFrequency? FrequencyOf(IReadOnlyList<DateTime> dates)
    {
        var days = Enumerable.Range(1, dates.Count - 1).Select(i => (dates[i] - dates[i - 1]).TotalDays).Order().ToList();
        var median = days[days.Count / 2];
        if (median >= 27)
        {
            // Months differ in length: count calendar months between dates instead of days.
            var months = Enumerable.Range(1, dates.Count - 1)
                .Select(i => (dates[i].Year * 12) + dates[i].Month - (dates[i - 1].Year * 12) - dates[i - 1].Month).ToList();
            var step = months.Order().ElementAt(months.Count / 2);
            SeriesFrequency? monthly = step switch { 1 => SeriesFrequency.Monthly, 3 => SeriesFrequency.Quarterly, 12 => SeriesFrequency.Yearly, _ => null };
            return monthly is not null && Regular(months.Select(m => (double)m).ToList(), step) ? monthly : null;
        }

        var hours = Math.Round(median * 24, 6);
        var (frequency, period) = hours switch
        {
            1 => (SeriesFrequency.Hourly, 1.0 / 24),
            24 => (SeriesFrequency.Daily, 1.0),
            168 => (SeriesFrequency.Weekly, 7.0),
            _ => ((SeriesFrequency?)null, 0.0),
        };
        return frequency is not null && Regular(days, period) ? frequency : null;
    }

    private static bool Regular(List<double> steps, double period)
    {
        static bool Whole(double x) => Math.Abs(x - Math.Round(x)) < 1e-6 && Math.Round(x) >= 1;
        var one = steps.Count(s => Math.Abs((s / period) - 1) < 1e-6);
        var whole = steps.Count(s => Whole(s / period));
        return one >= OnePeriodShare * steps.Count && whole >= WholePeriodsShare * steps.Count;
    }

    /// <summary>A column's dates, with the earliest and the latest as written in the file.</summary>
    private sealed record DateColumn(List<DateTime> Dates, (DateTime Date, string Text) Earliest, (DateTime Date, string Text) Latest);

    /// <summary>The column's dates, or null when the file lacks the column or a value is not a date.</summary>
    private static DateColumn? ReadDates(string file, string column)
    {
        using var reader = new CsvReader(file);
        var index = reader.Header.ToList().IndexOf(column);
        if (index < 0)
        {
            return null;
        }

        var dates = new List<DateTime>();
        (DateTime Date, string Text) earliest = (DateTime.MaxValue, ""), latest = (DateTime.MinValue, "");
        while (reader.MoveNext())
        {
            var text = reader.Field(index).Trim();
            if (!DataProfiler.TryParseDate(text, out var date))
            {
                return null;
            }

            dates.Add(date);
            // Only the ends are kept as text: one string per row would cost more than the whole read.
            if (date < earliest.Date)
            {
                earliest = (date, text.ToString());
            }

            if (date > latest.Date)
            {
                latest = (date, text.ToString());
            }
        }

        return new DateColumn(dates, earliest, latest);
    }

    /// <summary>The period to forecast in words, e.g. "2015-11-02 to 2015-12-31".</summary>
    public string TestPeriod => TestStart + " to " + TestEnd;
}
