using System.Diagnostics;
using Linguacodus.Core.Memory;

namespace Linguacodus.Web.Cli;

/// <summary>
/// `bench --only memory`: retrieval from a memory of 100,000 cases (the size), against its goal of 50 ms a
/// search. The cases are generated: task-like texts drawn from a 20,000-word vocabulary with Zipf's word frequencies
/// (a few words in most tasks, most words in few), 150 words and 20 column names each.
/// </summary>
internal static class BenchMemory
{
    private const int Cases = 100_000;
    private const int Vocabulary = 20_000;
    private const int Searches = 200;
    private const double GoalMilliseconds = 50;

    public static object Measure()
    {
        var random = new Random(7);
        var words = Enumerable.Range(0, Vocabulary).Select(i => $"w{i}x").ToArray();
        // Zipf: the word of rank r is drawn with weight 1/r, by inverting the cumulative weights.
        var cumulative = new double[Vocabulary];
        var total = 0.0;
        for (var r = 0; r < Vocabulary; r++)
        {
            cumulative[r] = total += 1.0 / (r + 1);
        }
        string Draw()
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * total);
            return words[at < 0 ? ~at : at];
        }
        List<string> Task() => [.. CaseWords.Of("", string.Join(' ', Enumerable.Range(0, 150).Select(_ => Draw())), "tabular", "roc auc", "", Enumerable.Range(0, 20).Select(_ => Draw()))];

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var index = new CaseIndex();
        for (var i = 0; i < Cases; i++)
        {
            index.Add(Guid.NewGuid(), Task());
        }
        var build = clock.Elapsed;
        var queries = Enumerable.Range(0, Searches).Select(_ => Task()).ToList();
        index.Search(queries[0], 3, 0.2);
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        var times = new List<double>();
        foreach (var query in queries)
        {
            clock.Restart();
            index.Search(query, 3, 0.2);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var median = times[times.Count / 2];
        return new
        {
            cases = Cases,
            build_seconds = Math.Round(build.TotalSeconds, 2),
            search_ms_median = Math.Round(median, 2),
            search_ms_p95 = Math.Round(times[(int)(times.Count * 0.95)], 2),
            goal_ms = GoalMilliseconds,
            median_over_goal = Math.Round(median / GoalMilliseconds, 3),
            index_megabytes = Math.Round(held / 1e6, 1),
        };
    }
}
