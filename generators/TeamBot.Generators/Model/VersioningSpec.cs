using TeamBot.Workflow.Model;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Generators.Model;

/// <summary>The workflow's version and the migrations from its shipped versions, ready to emit.</summary>
/// <param name="Version">The current shape's version id.</param>
/// <param name="Plans">One plan per shipped version other than the current one, oldest first.</param>
internal sealed record VersioningSpec(string Version, EquatableArray<MigrationPlan> Plans);
