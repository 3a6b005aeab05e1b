using System;
using System.Reflection;
using System.Text.Json;
using StreamJsonRpc;

namespace TeamBot.LanguageServer;

/// <summary>
/// One protocol method as StreamJsonRpc calls it: the params object whole, as a <see cref="JsonElement"/>, and optional,
/// since <c>shutdown</c> and <c>exit</c> come without one. A failure becomes an error answer (internal error, -32603),
/// never a dead server.
/// </summary>
internal sealed class RpcHandler(string method, Func<JsonElement, JsonElement> handle)
{
    public static readonly MethodInfo InvokeMethod = typeof(RpcHandler).GetMethod(nameof(Invoke))!;

    public JsonRpcMethodAttribute Attribute { get; } = new(method) { UseSingleObjectParameterDeserialization = true };

    public JsonElement Invoke(JsonElement json = default)
    {
        try
        {
            return handle(json);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not LocalRpcException)
        {
            throw new LocalRpcException($"teambot lsp could not handle {method}: {ex.GetType().Name}: {ex.Message}") { ErrorCode = Protocol.ErrorCodes.InternalError };
        }
    }
}
