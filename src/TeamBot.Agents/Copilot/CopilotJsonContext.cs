using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamBot.Agents.Copilot;

/// <summary>The protocol's types, serialized without reflection, camelCase, nulls left out as the CLI expects.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PingRequest))]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(AuthStatus))]
[JsonSerializable(typeof(SessionCreateRequest))]
[JsonSerializable(typeof(SessionCreateResult))]
[JsonSerializable(typeof(SessionSendRequest))]
[JsonSerializable(typeof(SessionSendResult))]
[JsonSerializable(typeof(SessionRequest))]
[JsonSerializable(typeof(PermissionDecisionRequest))]
[JsonSerializable(typeof(CopilotSessionEvent))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
internal sealed partial class CopilotJsonContext : JsonSerializerContext;
