using System;
using System.Collections.Immutable;

namespace TeamBot.Definitions;

/// <summary>
/// A compiled workflow's version (a hash of the shape a saved run depends on) and the migrations from each version
/// recorded as shipped in <c>stages.versions.json</c>.
/// </summary>
public sealed class WorkflowVersioning
{
    /// <summary>The version that state files without <c>workflow_version</c> count as: the Python TeamBot's default workflow.</summary>
    public const string PythonDefaultVersion = "2ae069b94e4f";

    /// <summary>Initializes a new instance of the <see cref="WorkflowVersioning"/> class.</summary>
    /// <param name="version">The compiled workflow's version id.</param>
    /// <param name="migrations">One migration per shipped version other than <paramref name="version"/>.</param>
    public WorkflowVersioning(string version, ImmutableArray<WorkflowMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(version);
        Version = version;
        Migrations = migrations.IsDefault ? [] : migrations;
    }

    /// <summary>Gets the versioning of a workflow that records none (a hand-written definition): runs carry no version.</summary>
    public static WorkflowVersioning None { get; } = new("", []);

    /// <summary>Gets the compiled workflow's version id; empty when it records none.</summary>
    public string Version { get; }

    /// <summary>Gets one migration per shipped version other than the compiled one.</summary>
    public ImmutableArray<WorkflowMigration> Migrations { get; }

    /// <summary>Finds the migration from <paramref name="fromVersion"/>.</summary>
    /// <returns>The migration, or <see langword="null"/> when that version was never shipped.</returns>
    public WorkflowMigration? FindMigration(string fromVersion)
    {
        foreach (WorkflowMigration migration in Migrations)
        {
            if (string.Equals(migration.FromVersion, fromVersion, StringComparison.Ordinal))
            {
                return migration;
            }
        }

        return null;
    }
}
