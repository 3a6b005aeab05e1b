using System.Text;
using TeamBot.Rules;

namespace TeamBot.Execution;

/// <summary>How a tool call's command output reads in the run's markdown (transcripts, acceptance results): a fenced
/// block under its list item.</summary>
internal static class ToolCallMarkdown
{
    public static StringBuilder AppendOutput(StringBuilder text, ToolCall call)
    {
        if (call.Output is { Length: > 0 } output)
        {
            text.Append("\n  ```\n  ").Append(output.TrimEnd().ReplaceLineEndings("\n  ")).Append("\n  ```\n\n");
        }

        return text;
    }
}
