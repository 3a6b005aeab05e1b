using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using TeamBot.Agents.Mcp;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// The MCP servers of a <c>--mcp-config</c> file, in the <c>mcp.json</c> shape many tools share:
/// <c>{"mcpServers": {"&lt;name&gt;": {"command": "...", "args": [...], "env": {...}}}}</c>.
/// </summary>
internal static class McpConfigFile
{
    /// <summary>Reads the servers of <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The file is missing, is not such a JSON document, or names a server TeamBot cannot start.</exception>
    public static IReadOnlyList<McpServer> Load(string path)
    {
        McpConfigDocument? document;
        try
        {
            using FileStream stream = File.OpenRead(path);
            document = JsonSerializer.Deserialize(stream, McpConfigJsonContext.Default.McpConfigDocument);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArgumentException($"The MCP configuration file '{path}' does not exist.", nameof(path), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"The MCP configuration file '{path}' could not be read: {ex.Message}", nameof(path), ex);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The MCP configuration file '{path}' is not valid: {ex.Message} It should look like {{\"mcpServers\": {{\"docs\": {{\"command\": \"...\", \"args\": [], \"env\": {{}}}}}}}}.", nameof(path), ex);
        }

        if (document?.McpServers is not { } servers)
        {
            throw new ArgumentException($"The MCP configuration file '{path}' has no \"mcpServers\" object, as in {{\"mcpServers\": {{\"docs\": {{\"command\": \"...\"}}}}}}.", nameof(path));
        }

        return [.. servers.Select(pair => Server(path, pair.Key, pair.Value))];
    }

    private static McpServer Server(string path, string name, McpConfigEntry? entry)
    {
        if (string.IsNullOrWhiteSpace(entry?.Command))
        {
            // Servers reached over HTTP ("url") are not supported yet: say so rather than skip them.
            throw new ArgumentException(entry?.Url is not null
                ? $"The MCP configuration file '{path}' names the server '{name}' by URL; only servers started with a \"command\" (stdio) are supported."
                : $"The MCP configuration file '{path}' gives the server '{name}' no \"command\".", nameof(path));
        }

        return new McpServer(name, entry.Command) { Arguments = entry.Args ?? [], Environment = entry.Env };
    }
}

/// <summary>An <c>mcp.json</c> document.</summary>
internal sealed record McpConfigDocument(Dictionary<string, McpConfigEntry?>? McpServers);

/// <summary>One server of an <c>mcp.json</c> document.</summary>
internal sealed record McpConfigEntry(string? Command, List<string>? Args, Dictionary<string, string>? Env, string? Url);

/// <summary>Reads <c>mcp.json</c> without reflection (the command line is trimmed and AOT-compatible); comments and trailing commas allowed, as editors write them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(McpConfigDocument))]
internal sealed partial class McpConfigJsonContext : JsonSerializerContext;
