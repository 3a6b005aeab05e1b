using System.Text.Json.Serialization;
using TeamBot.Orleans.Contracts;

namespace TeamBot.Orleans.Storage;

/// <summary>The source-generated serializer of the cluster's own states.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RunSubmission))]
[JsonSerializable(typeof(RunJournal))]
[JsonSerializable(typeof(RunEpoch))]
[JsonSerializable(typeof(Clustering.MembershipRow))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
