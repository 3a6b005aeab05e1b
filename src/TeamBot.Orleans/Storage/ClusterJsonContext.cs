using System.Text.Json.Serialization;
using TeamBot.Orleans.Contracts;
using TeamBot.Orleans.Grains;

namespace TeamBot.Orleans.Storage;

/// <summary>The source-generated serializer of the cluster's own states.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RunSubmission))]
[JsonSerializable(typeof(RunIndex))]
[JsonSerializable(typeof(RunJournal))]
[JsonSerializable(typeof(RunEpoch))]
[JsonSerializable(typeof(Clustering.MembershipRow))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
