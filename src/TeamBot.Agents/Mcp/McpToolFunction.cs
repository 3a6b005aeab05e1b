using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TeamBot.Rules;

namespace TeamBot.Agents.Mcp;

/// <summary>
/// One MCP server's tool as the model sees it, named <c>&lt;server&gt;__&lt;tool&gt;</c>, each call recorded as a
/// <see cref="ToolCall"/> of <c>mcp:&lt;server&gt;/&lt;tool&gt;</c> with a one-line summary of its result.
/// </summary>
internal sealed class McpToolFunction : DelegatingAIFunction
{
    private const int SummaryLimit = 200;

    private static readonly JsonSerializerOptions CompactJson = Compact();

    private readonly McpClientTool _tool;
    private readonly string _recordedName;
    private readonly Action<ToolCall>? _onCall;

    public McpToolFunction(string server, McpClientTool tool, Action<ToolCall>? onCall)
        : this(server, tool.Name, tool.WithName(ExposedName(server, tool.Name)), onCall)
    {
    }

    private McpToolFunction(string server, string tool, McpClientTool renamed, Action<ToolCall>? onCall)
        : base(renamed)
    {
        _tool = renamed;
        _recordedName = McpGrants.ToolName(server, tool);
        _onCall = onCall;
    }

    /// <summary>
    /// The function name the model calls: OpenAI's function names allow only letters, digits, '_' and '-', so any
    /// other character of either name (a '.' in a server's name) becomes '_'.
    /// </summary>
    public static string ExposedName(string server, string tool) => $"{Safe(server)}__{Safe(tool)}";

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        string? text = null;
        string? failure = null;
        try
        {
            // The server is called with its own name for the tool, whatever the model calls it.
            CallToolResult result = await _tool.CallAsync(arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
            text = result.IsError == true ? $"error: {TextOf(result)}" : TextOf(result);
            return text;
        }
        catch (Exception ex)
        {
            failure = $"failed: {ex.GetType().Name}: {ex.Message.Split('\n', 2)[0]}";
            throw;
        }
        finally
        {
            if (_onCall is not null)
            {
                string json = JsonSerializer.Serialize(arguments.ToDictionary(pair => pair.Key, pair => pair.Value), CompactJson.GetTypeInfo(typeof(Dictionary<string, object?>)));
                _onCall(new ToolCall(_recordedName, json, Summary(failure ?? text ?? ""), Refused: false));
            }
        }
    }

    /// <summary>The result's text blocks, one after the other; other blocks are named, since the model gets text.</summary>
    private static string TextOf(CallToolResult result)
    {
        var text = new StringBuilder();
        foreach (ContentBlock block in result.Content)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(block is TextContentBlock { Text: var value } ? value : $"[{block.Type} content]");
        }

        return text.Length == 0 && result.StructuredContent is { } structured ? structured.GetRawText() : text.ToString();
    }

    private static string Summary(string text)
    {
        string line = text.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length <= SummaryLimit ? line : string.Concat(line.AsSpan(0, SummaryLimit), "…");
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'));

    private static JsonSerializerOptions Compact()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }
}
