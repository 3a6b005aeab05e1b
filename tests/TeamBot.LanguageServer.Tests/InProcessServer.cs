using System;
using System.IO;
using System.Threading.Tasks;
using Nerdbank.Streams;

namespace TeamBot.LanguageServer.Tests;

/// <summary>The server on an in-memory duplex stream, with a client on the other end: the protocol without a process.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly WorkflowLanguageServer _server;
    private readonly Task<int> _running;

    private InProcessServer(WorkflowLanguageServer server, LspClient client)
    {
        _server = server;
        Client = client;
        _running = server.RunAsync();
    }

    public LspClient Client { get; }

    public Task<int> Running => _running;

    /// <summary>The server's open documents; call only after the messages sent have been answered.</summary>
    public System.Collections.Generic.IReadOnlyList<OpenDocument> Documents() => _server.OpenDocuments();

    public static async Task<InProcessServer> StartAsync()
    {
        (Stream serverSide, Stream clientSide) = FullDuplexStream.CreatePair();
        var server = new InProcessServer(new WorkflowLanguageServer(serverSide, serverSide), new LspClient(clientSide, clientSide));
        await server.Client.RequestAsync("initialize", Lsp.Initialize());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        // The server's end first: the client's reader then sees the stream end rather than its own end closing under it.
        _server.Dispose();
        await Client.DisposeAsync();
    }
}
