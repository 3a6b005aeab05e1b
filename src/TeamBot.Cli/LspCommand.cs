using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.LanguageServer;

namespace TeamBot.Cli;

/// <summary><c>teambot lsp</c>: the language server for workflow files, over stdio, for editors to start.</summary>
internal static class LspCommand
{
    public static Command Create()
    {
        var command = new Command("lsp", "Serve the Language Server Protocol over stdin/stdout for workflow files (stages.yaml, *.stages.yaml): the build's diagnostics as you type, completion, hover, go to definition, references, rename, outline and quick fixes. Started by an editor; see the README's editor table.");
        // Some clients (vscode-languageclient with TransportKind.stdio, others by habit) add --stdio: stdio is the only
        // transport, so it is accepted and changes nothing.
        command.Options.Add(new Option<bool>("--stdio") { Description = "Talk over stdin and stdout (the default and only transport)." });
        command.SetAction((_, cancellationToken) => RunAsync(cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // stdout carries the protocol and nothing else; whatever else goes to stderr, where editors log it.
        using Stream input = Console.OpenStandardInput();
        using Stream output = Console.OpenStandardOutput();
        using var server = new WorkflowLanguageServer(output, input, Console.Error);
        return await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
