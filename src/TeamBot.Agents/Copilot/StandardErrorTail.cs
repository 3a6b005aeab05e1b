using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace TeamBot.Agents.Copilot;

/// <summary>The last lines the CLI wrote to standard error, to explain a failure.</summary>
internal sealed class StandardErrorTail
{
    private const int Lines = 20;
    private readonly Queue<string> _lines = new();

    public StandardErrorTail(Process process)
    {
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (_lines)
                {
                    _lines.Enqueue(text);
                    if (_lines.Count > Lines)
                    {
                        _lines.Dequeue();
                    }
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public string Describe()
    {
        lock (_lines)
        {
            return _lines.Count == 0 ? "" : $" It wrote:{Environment.NewLine}{string.Join(Environment.NewLine, _lines)}";
        }
    }
}
