using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using TeamBot.Objectives;
using TeamBot.Tests.Support;
using Xunit.Abstractions;

namespace TeamBot.Tests.Objectives;

/// <summary>
/// Thousands of mutated objective files through <see cref="ObjectiveParser.Load"/>: each is read or refused with an
/// <see cref="ObjectiveException"/> naming it, never anything else; no file is changed by reading it; and every run
/// folder name derived, from the file or from a hostile path, is one short path segment.
/// </summary>
public sealed partial class ObjectiveFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20261216;

    // FeatureNames.MaxBytes, which is internal: changing it renames long-titled runs' folders, so it is pinned here.
    private const int FeatureNameCap = 100;

    private readonly string _folder = CreateFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Mutated_objective_files_are_read_or_refused_naming_the_file_and_are_never_changed()
    {
        int cases = FuzzLog.Cases(10_000);
        var mutator = new ObjectiveMutator(Seed);
        var failures = new List<string>();
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < cases && failures.Count < 20; i++)
        {
            (string name, byte[] bytes) = mutator.Next(huge: true);
            string path = Path.Combine(_folder, name);
            File.WriteAllBytes(path, bytes);
            try
            {
                Objective objective = ObjectiveParser.Load(path);
                parsed++;
                CheckFolderName(objective.FeatureName, $"case {i} ({name})", failures);
                CheckFolderName(ObjectiveParser.FeatureName(objective.Title, mutator.HostilePath()), $"case {i}, title with a hostile path", failures);
            }
            catch (ObjectiveException ex)
            {
                refused++;
                if (!ex.Message.Contains($"'{path}'", StringComparison.Ordinal))
                {
                    failures.Add($"case {i} ({name}): the refusal does not name the file: {ex.Message}");
                }

                string reason = Reason().Replace(ex.Message.Replace(path, "<file>", StringComparison.Ordinal), "N");
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
#pragma warning disable CA1031 // Any other exception is the failure this test looks for.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"case {i} ({name}, {bytes.Length} bytes): {ex.GetType().Name}: {ex.Message}");
            }

            if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            {
                failures.Add($"case {i} ({name}): the file changed");
            }

            File.Delete(path);
        }

        FuzzLog.Write(output, "objective files", $"{cases} cases (seed {Seed}): {parsed} parsed, {refused} refused");
        foreach ((string reason, int count) in reasons)
        {
            output.WriteLine($"{count,6} {reason}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(parsed > cases / 4 && refused > cases / 20, $"The mutations should give many valid and many refused files: {parsed} parsed, {refused} refused.");
    }

    /// <summary>
    /// A folder for the cases, in memory (tmpfs) where there is one. Each case is a file written and deleted, which on a
    /// disk that frees blocks eagerly (ext4 mounted with discard) costs milliseconds, and ten thousand of them most of a
    /// CI budget; on tmpfs a tenth of a millisecond. The reading is what is tested, not the disk.
    /// </summary>
    private static string CreateFolder()
    {
        if (Directory.Exists("/dev/shm"))
        {
            try
            {
                return Directory.CreateDirectory(Path.Combine("/dev/shm", "teambot-objective-fuzz-" + Guid.NewGuid().ToString("N"))).FullName;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not writable here: the temporary folder does, only slower.
            }
        }

        return Directory.CreateTempSubdirectory("teambot-objective-fuzz-").FullName;
    }

    // Line numbers, offsets and sizes vary from case to case; the kind of refusal is the rest of the message.
    [GeneratedRegex("0x[0-9A-F]{2}|(?<![A-Z]-[0-9]*)[0-9]+")]
    private static partial Regex Reason();

    private static void CheckFolderName(string name, string source, List<string> failures)
    {
        bool single = name.Length > 0 && Path.GetFileName(name) == name && name.IndexOfAny(['/', '\\', '\0']) < 0
            && !name.Contains("..", StringComparison.Ordinal) && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
        int bytes = Encoding.UTF8.GetByteCount(name);
        if (!single || bytes > FeatureNameCap)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{source}: the folder name '{name}' ({bytes} bytes) is not one path segment of at most {FeatureNameCap} bytes"));
        }
    }
}
