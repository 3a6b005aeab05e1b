namespace TeamBot.Agents.Copilot;

// The results the Copilot CLI answers TeamBot's requests with; only the fields TeamBot reads.

/// <summary>Result of <c>ping</c>.</summary>
internal sealed record PingResult(string? Message, int? ProtocolVersion);

/// <summary>Result of <c>auth.getStatus</c>.</summary>
internal sealed record AuthStatus(bool IsAuthenticated, string? Login, string? StatusMessage);

/// <summary>Result of <c>session.create</c>.</summary>
internal sealed record SessionCreateResult(string SessionId);

/// <summary>Result of <c>session.send</c>.</summary>
internal sealed record SessionSendResult(string? MessageId);
