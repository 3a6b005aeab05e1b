// Starts the `teambot lsp` language server for workflow files and restarts it when its settings change. All the
// decisions about settings live in config.ts, which the unit tests cover; this file only wires them to VS Code.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { SECTION, SERVER_SECTION, documentSelector, serverConfig } from './config';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // One output channel for every restart, so that the log of an earlier server stays readable.
  const output = vscode.window.createOutputChannel('TeamBot workflows');
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration(SERVER_SECTION)) {
        await stopClient();
        await startClient(output);
      }
    }),
  );
  await startClient(output);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

async function startClient(output: vscode.OutputChannel): Promise<void> {
  const settings = vscode.workspace.getConfiguration(SECTION);
  const config = serverConfig({
    command: settings.get('server.command'),
    args: settings.get('server.args'),
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
  });
  if (!config.ok) {
    void vscode.window.showErrorMessage(config.error);
    return;
  }

  const { command, args, options } = config.executable;
  // No `transport`: an executable without one talks over stdio all the same, and the command runs exactly as the
  // settings say (TransportKind.stdio would append `--stdio`, which `teambot lsp` accepts but does not need).
  const serverOptions: ServerOptions = { command, args, options };
  const clientOptions: LanguageClientOptions = { documentSelector: documentSelector(), outputChannel: output };
  // The id 'teambot' makes the client read teambot.trace.server by itself.
  const candidate = new LanguageClient('teambot', 'TeamBot workflows', serverOptions, clientOptions);
  try {
    await candidate.start();
    client = candidate;
  } catch (error) {
    // A missing program (ENOENT) must not fail activation: say what was run and which settings choose it.
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `TeamBot: could not start the workflow language server \`${[command, ...args].join(' ')}\`: ${reason}. ` +
        'Install the teambot tool or change teambot.server.command and teambot.server.args.',
    );
    await candidate.dispose().catch(() => undefined);
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop().catch(() => undefined);
}
