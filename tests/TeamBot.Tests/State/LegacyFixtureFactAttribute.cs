using System;
using System.IO;

namespace TeamBot.Tests.State;

/// <summary>A test that needs ../shared/fixtures/legacy-state; skipped, saying why, where that folder is absent.</summary>
public sealed class LegacyFixtureFactAttribute : FactAttribute
{
    public LegacyFixtureFactAttribute()
    {
        if (LegacyFixtures.Directory is null)
        {
            Skip = "../shared/fixtures/legacy-state (the Python TeamBot's state files) is not beside this checkout.";
        }
    }
}

/// <summary>Finds the shared legacy state files beside the checkout.</summary>
public static class LegacyFixtures
{
    public static string? Directory { get; } = Find();

    public static string Path(string name) => System.IO.Path.Combine(Directory ?? throw new InvalidOperationException("no legacy fixtures"), name);

    private static string? Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "fixtures", "legacy-state");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
