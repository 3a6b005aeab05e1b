namespace TeamBot.Package.Tests;

/// <summary>
/// The tests that use the packed packages share one packing: two fixtures packing at once would write the same
/// projects' <c>bin/Release</c> side by side and fail on each other's files.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesGroup : ICollectionFixture<PackedPackageFixture>
{
    public const string Name = "Packed packages";
}
