using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Linguacodus.Core.Data;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Web.Cli;

/// <summary>
/// The data figures of `bench`, on generated task folders (train and a quarter as many test rows): profiling against
/// pandas.read_csv of the same two files (alternating, median of three after a warm-up of each), and the scale curve
/// of profiling and solving at growing row counts. Peak memory is the whole process's (VmHWM, reset before each
/// measure), with what it held before, so the growth is visible beside the runtime's own footprint.
/// </summary>
internal static class BenchData
{
    private const string PandasScript = """
        import json, resource, sys, time
        import pandas
        before = int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize()
        clock = time.perf_counter()
        pandas.read_csv(sys.argv[1]); pandas.read_csv(sys.argv[2])
        seconds = time.perf_counter() - clock
        print(json.dumps({"seconds": seconds, "before": before, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
        """;

    private static readonly (string Name, int Rows, int Numbers, bool Mixed)[] ProfileShapes =
    [
        ("tall_1m_rows_50_columns", 1_000_000, 40, true),
        ("wide_5k_rows_2000_columns", 5_000, 1_998, false),
    ];

    private static readonly int[] ScaleRows = [10_000, 100_000, 1_000_000];

    private sealed record Measure(double Seconds, double BeforeMb, double PeakMb);

    public static async Task<object> ProfileAsync(string scratch, CancellationToken cancellationToken)
    {
        var figures = new Dictionary<string, object>();
        foreach (var (name, rows, numbers, mixed) in ProfileShapes)
        {
            var folder = Generate(scratch, name, rows, numbers, mixed);
            await ProfileAsync(folder);
            await PandasAsync(folder, cancellationToken);
            var ours = new List<Measure>();
            var pandas = new List<Measure>();
            for (var i = 0; i < 3; i++)
            {
                ours.Add(await ProfileAsync(folder));
                pandas.Add(await PandasAsync(folder, cancellationToken));
            }

            var (profile, read) = (Median(ours), Median(pandas));
            figures[name] = new
            {
                train_mb = Megabytes(new FileInfo(folder.TrainFile).Length),
                test_mb = Megabytes(new FileInfo(folder.TestFile!).Length),
                profile_seconds = Math.Round(profile.Seconds, 3),
                pandas_read_csv_seconds = Math.Round(read.Seconds, 3),
                profile_over_pandas = Math.Round(profile.Seconds / read.Seconds, 2),
                profile_peak_rss_mb = profile.PeakMb,
                profile_rss_before_mb = profile.BeforeMb,
                pandas_peak_rss_mb = read.PeakMb,
                pandas_rss_before_mb = read.BeforeMb,
            };
            Directory.Delete(folder.Directory, recursive: true);
        }

        return figures;
    }

    /// <summary>Profiles and solves (built-in engine, first plan) the same generated task at each row count.</summary>
    public static async Task<object> ScaleAsync(IServiceProvider services, string scratch, CancellationToken cancellationToken)
    {
        var solver = services.GetRequiredService<RunService>();
        await ProfileAsync(Generate(scratch, "warm-up", 1_000, 40, mixed: true));
        var figures = new List<object>();
        foreach (var rows in ScaleRows)
        {
            var folder = Generate(scratch, $"rows-{rows}", rows, 40, mixed: true);
            var profile = await ProfileAsync(folder);
            var outDirectory = Path.Combine(scratch, $"solve-{rows}");
            var run = default(RunSnapshot);
            var solve = await TrackAsync(async () => run = await solver.SolveAsync(folder.Directory, outDirectory, SolveChoice.Auto, _ => { }, cancellationToken));
            figures.Add(new
            {
                train_rows = rows,
                train_mb = Megabytes(new FileInfo(folder.TrainFile).Length),
                profile_seconds = Math.Round(profile.Seconds, 3),
                profile_peak_rss_mb = profile.PeakMb,
                solve_seconds = Math.Round(solve.Seconds, 1),
                solve_status = run!.Status.ToString(),
                app_peak_rss_during_solve_mb = solve.PeakMb,
                app_rss_before_mb = solve.BeforeMb,
            });
            Directory.Delete(folder.Directory, recursive: true);
            Directory.Delete(outDirectory, recursive: true);
        }

        return figures;
    }

    private static TaskFolder Generate(string scratch, string name, int rows, int numbers, bool mixed)
    {
        Console.Error.WriteLine($"bench: writing {name} ({rows:N0} rows)");
        return GeneratedTask.Write(Directory.CreateDirectory(Path.Combine(scratch, name)).FullName, rows, numbers, mixed);
    }

    private static Task<Measure> ProfileAsync(TaskFolder folder) => TrackAsync(() => Task.FromResult(DataProfiler.Profile(folder)));

    /// <summary>Times <paramref name="action"/> and takes this process's peak memory while it ran.</summary>
    private static async Task<Measure> TrackAsync(Func<Task> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Writing 5 to clear_refs resets the peak (VmHWM) to the present size (Linux 4.0 and later).
        File.WriteAllText("/proc/self/clear_refs", "5");
        var before = StatusKilobytes("VmRSS");
        var clock = Stopwatch.StartNew();
        await action();
        var seconds = clock.Elapsed.TotalSeconds;
        return new Measure(seconds, Math.Round(before / 1024.0, 1), Math.Round(StatusKilobytes("VmHWM") / 1024.0, 1));
    }

    private static async Task<Measure> PandasAsync(TaskFolder folder, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", PandasScript, folder.TrainFile, folder.TestFile!])
        {
            RedirectStandardOutput = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pandas could not read {folder.TrainFile} (exit {process.ExitCode})");
        }

        var figures = JsonDocument.Parse(output).RootElement;
        return new Measure(
            figures.GetProperty("seconds").GetDouble(),
            Megabytes(figures.GetProperty("before").GetInt64()),
            Megabytes(figures.GetProperty("peak").GetInt64()));
    }

    private static Measure Median(List<Measure> measures) => measures.OrderBy(m => m.Seconds).ElementAt(measures.Count / 2);

    private static double Megabytes(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);

    private static long StatusKilobytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
