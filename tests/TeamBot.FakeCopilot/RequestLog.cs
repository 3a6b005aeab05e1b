using System.IO;
using System.Text.Json;

namespace TeamBot.FakeCopilot;

/// <summary>Writes each request the fake gets as a line, <c>method params-json</c>, for the tests to read.</summary>
internal sealed class RequestLog(string path)
{
    private readonly object _gate = new();

    public void Write(string method, JsonElement parameters)
    {
        lock (_gate)
        {
            File.AppendAllText(path, method + " " + parameters.GetRawText() + "\n");
        }
    }
}
