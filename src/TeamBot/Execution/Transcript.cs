using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Execution;

/// <summary>
/// Writes the transcript of an agent call that used tools: what it was asked, each tool call with its result, and its
/// answer, in <c>transcripts/</c> of the run folder. Named by the call, so a call made again after a crash rewrites its
/// own transcript instead of adding one.
/// </summary>
internal static class Transcript
{
    public static async Task WriteAsync(RunFileSystem files, string runDirectory, AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
    {
        StageContext context = request.Context;
        string name = string.Create(CultureInfo.InvariantCulture, $"{context.Stage}-{context.Iteration}-{request.AgentId}-{request.Task}.md");
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {context.Stage}: {request.AgentId}, {request.Task}, iteration {context.Iteration}")
            .Append("\n\n## Tool calls\n\n");
        foreach (ToolCall call in response.ToolCalls)
        {
            text.Append("- ").Append(call.Refused ? "REFUSED " : "").Append('`').Append(call.Tool).Append("` ")
                .Append(call.Arguments.ReplaceLineEndings(" ")).Append(" -> ").Append(call.Summary.ReplaceLineEndings(" ")).Append('\n');
            ToolCallMarkdown.AppendOutput(text, call);
        }

        text.Append("\n## Answer\n\n").Append(response.Output.TrimEnd()).Append('\n');
        string folder = Path.Combine(runDirectory, "transcripts");
        await RunFiles.WriteAllTextAsync(files, runDirectory, Path.Combine(folder, name), text.ToString(), cancellationToken).ConfigureAwait(false);
    }
}
