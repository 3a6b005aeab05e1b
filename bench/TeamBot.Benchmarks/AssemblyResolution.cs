using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace TeamBot.Benchmarks;

/// <summary>
/// Loads the compiler-side assemblies (the analyzer, the shared model) from beside the benchmarks. They are copied there,
/// but the build lists them in no deps.json, because the generator also passes them to the compiler as analyzers.
/// </summary>
internal static class AssemblyResolution
{
    [ModuleInitializer]
    internal static void Install() =>
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            string path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
}
