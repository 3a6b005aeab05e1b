using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using StreamJsonRpc;
using TeamBot.FakeCopilot;

// Usage: TeamBot.FakeCopilot --headless --no-auto-update --stdio, in a working folder that may hold fake-copilot.mode
// (one word: signed-out, hang, permissions or mcp) and gets fake-copilot.log (one line per request: method and params).
string[] expected = ["--headless", "--no-auto-update", "--stdio"];
if (!expected.All(args.Contains))
{
    await Console.Error.WriteLineAsync($"fake copilot: expected {string.Join(' ', expected)}, got {string.Join(' ', args)}");
    return 2;
}

string modeFile = Path.Combine(Environment.CurrentDirectory, "fake-copilot.mode");
string mode = File.Exists(modeFile) ? File.ReadAllText(modeFile).Trim() : "";
var log = new RequestLog(Path.Combine(Environment.CurrentDirectory, "fake-copilot.log"));
var formatter = new SystemTextJsonFormatter();
using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(Console.OpenStandardOutput(), Console.OpenStandardInput(), formatter));
rpc.AddLocalRpcTarget(new FakeServer(rpc, log, mode));
rpc.StartListening();
await rpc.Completion.ConfigureAwait(false);
return 0;
