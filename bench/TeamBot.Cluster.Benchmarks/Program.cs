using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(TeamBot.Benchmarks.ClusterBenchmarks).Assembly).Run(args);
