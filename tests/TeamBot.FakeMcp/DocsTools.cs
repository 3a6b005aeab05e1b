using System;
using System.ComponentModel;
using System.IO;

namespace TeamBot.FakeMcp;

/// <summary>The fake server's tools; each call is logged to <c>fake-mcp.log</c> in the folder it was given.</summary>
internal sealed class DocsTools(string folder)
{
    /// <summary>The name of the file <see cref="DeleteAll"/> leaves behind.</summary>
    public const string Marker = "deleted-all.marker";

    [Description("Looks up the documentation text for a key.")]
    public string Lookup([Description("The key, for example csv-export.")] string key)
    {
        Log($"lookup {key}");
        return key == "csv-export" ? "CSV export: one header line, then one line per row, comma separated." : $"no entry for '{key}'";
    }

    [Description("Deletes every document.")]
    public string DeleteAll()
    {
        Log("delete_all");
        File.WriteAllText(Path.Combine(folder, Marker), "deleted");
        return "deleted every document";
    }

    public void Log(string line) => File.AppendAllText(Path.Combine(folder, "fake-mcp.log"), line + Environment.NewLine);
}
