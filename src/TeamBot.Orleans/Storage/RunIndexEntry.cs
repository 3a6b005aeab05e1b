namespace TeamBot.Orleans.Storage;

/// <summary>One run in an <see cref="IRunIndexBackend"/>.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Position">Where it stands in the order runs were added; a page continues after the last one's.</param>
/// <param name="Finished">Whether it has ended (and the watchdog leaves it alone).</param>
/// <param name="Snapshot">A finished run's saved state document; <see langword="null"/> for an unfinished run or one never saved.</param>
public sealed record RunIndexEntry(string RunId, long Position, bool Finished, byte[]? Snapshot);
