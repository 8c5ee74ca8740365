using System.Globalization;
using System.Text;

namespace Linguacodus.Core.Tasks;

/// <summary>
/// Writes a churn-like task folder of a given size, deterministically, for measuring the app on data of the size
/// analysts have: an id, numbers (some with gaps; f3 tells the target, up to noise) and, when <c>mixed</c>, a date, categories and quoted free text
/// with commas and quotes in it; train has a binary target. Test has a quarter as many rows.
/// </summary>
public static class GeneratedTask
{
    private static readonly string[] Regions = ["north", "south", "east", "west"];
    private static readonly string[] Plans = ["basic", "plus", "pro", "team", "enterprise"];
    private static readonly string[] Words = ["slow", "support", "price", "great", "app", "crashes", "billing", "fast", "login"];

    /// <summary>
    /// Columns: the id, <paramref name="numbers"/> numeric ones, eight mixed ones when <paramref name="mixed"/>, and the
    /// target in train.
    /// </summary>
    public static TaskFolder Write(string folder, int rows, int numbers, bool mixed)
    {
        var testRows = Math.Max(1, rows / 4);
        WriteCsv(Path.Combine(folder, TaskFolder.TrainFileName), rows, numbers, mixed, withTarget: true, seed: 1);
        WriteCsv(Path.Combine(folder, TaskFolder.TestFileName), testRows, numbers, mixed, withTarget: false, seed: 2);
        File.WriteAllLines(
            Path.Combine(folder, TaskFolder.SampleSubmissionFileName),
            ["id,churned", .. Enumerable.Range(0, testRows).Select(r => $"{IdOf(2, r)},0.5")]);
        return TaskFolder.Create(folder, new MlTask("Churn", "Predict whether a customer churns.", "tabular", "roc", "", ""));
    }

    private static void WriteCsv(string path, int rows, int numbers, bool text, bool withTarget, int seed)
    {
        var random = new Random(seed);
        // The target's own generator: drawn from the features' stream, a model learnt the generator's pattern.
        var noise = new Random(seed + 100);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        var header = new StringBuilder("id");
        for (var c = 1; c <= numbers; c++)
        {
            header.Append(",f").Append(c);
        }

        if (text)
        {
            header.Append(",signup,region,plan,seats,channel,tier,review,note");
        }

        writer.WriteLine(withTarget ? header.Append(",churned").ToString() : header.ToString());
        var line = new StringBuilder();
        var start = new DateOnly(2020, 1, 1);
        for (var r = 0; r < rows; r++)
        {
            line.Clear().Append(IdOf(seed, r));
            var signal = noise.Next(100);
            for (var c = 1; c <= numbers; c++)
            {
                line.Append(',');
                // Gaps in two columns exercise the missing-value path.
                if (c <= 2 && random.Next(25) == 0)
                {
                    continue;
                }

                if (c % 3 == 0)
                {
                    var whole = random.Next(100);
                    signal = c == 3 ? whole : signal;
                    line.Append(whole);
                }
                else
                {
                    line.Append((random.NextDouble() * 1000).ToString("0.####", CultureInfo.InvariantCulture));
                }
            }

            if (text)
            {
                line.Append(',').Append(start.AddDays(random.Next(1500)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    .Append(',').Append(Regions[random.Next(Regions.Length)])
                    .Append(',').Append(Plans[random.Next(Plans.Length)])
                    .Append(',').Append(random.Next(1, 50))
                    .Append(',').Append(random.Next(2) == 0 ? "web" : "store")
                    .Append(',').Append(random.Next(3) == 0 ? "NA" : "gold")
                    .Append(",\"").Append(Sentence(random, 8)).Append(", said \"\"").Append(Words[random.Next(Words.Length)]).Append("\"\"\"")
                    .Append(',').Append(Sentence(random, 3));
            }

            if (withTarget)
            {
                // A third churn: those with f3 under 30, one in ten of them and of the others the other way round.
                line.Append(',').Append((signal < 30) != (noise.Next(10) == 0) ? '1' : '0');
            }

            writer.WriteLine(line);
        }
    }

    private static int IdOf(int seed, int row) => seed * 10_000_000 + row;

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
}
