using BenchmarkDotNet.Running;

// `dotnet run -c Release --project Linguacodus.Benchmarks -- --filter '*' --job short`; --list flat names the benchmarks.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
