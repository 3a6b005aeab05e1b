namespace TeamBot.LanguageServer.Protocol;

/// <summary>The JSON-RPC and LSP error codes the server answers with.</summary>
internal static class ErrorCodes
{
    /// <summary>JSON-RPC's InvalidParams: the params are not what the method takes.</summary>
    public const int InvalidParams = -32602;

    /// <summary>JSON-RPC's InternalError: the handler failed.</summary>
    public const int InternalError = -32603;

    /// <summary>LSP's RequestFailed: a valid request the server refuses, with a message the editor shows.</summary>
    public const int RequestFailed = -32803;
}
