using System;

namespace TeamBot.Tests.Support;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, so a test sees every report before the call returns.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
