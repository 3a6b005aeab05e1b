using System;
using TeamBot.Workflow.Model;

namespace TeamBot.Generators.Model;

/// <summary>The run's worst case, what the emitter writes into the definition's <c>Costs</c>.</summary>
internal sealed record CostsSpec(int Calls, long? Tokens, TimeSpan? CriticalPath, EquatableArray<string> CriticalPathStages);
