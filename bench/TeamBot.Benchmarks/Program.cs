using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(TeamBot.Benchmarks.ExecutorBenchmarks).Assembly).Run(args);
