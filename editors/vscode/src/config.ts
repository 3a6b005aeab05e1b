// Turns the extension's settings into how the language server is started. It imports nothing from 'vscode' so that
// the unit tests can run it under plain Node, without an editor.

/** The defaults of the settings; package.json contributes the same values (a test keeps the two equal). */
export const DEFAULT_COMMAND = 'teambot';
export const DEFAULT_ARGS: readonly string[] = ['lsp'];

/** The settings section the extension reads, and the part whose change restarts the server. */
export const SECTION = 'teambot';
export const SERVER_SECTION = 'teambot.server';

/** Workflow files are named stages.yaml or end in .stages.yaml; the server serves nothing else. */
export const WORKFLOW_PATTERNS: readonly string[] = ['**/stages.yaml', '**/*.stages.yaml'];

export interface DocumentFilter {
  readonly scheme: string;
  readonly language: string;
  readonly pattern: string;
}

/** The shape of vscode-languageclient's Executable, kept here so that this module needs no import. */
export interface ServerExecutable {
  readonly command: string;
  readonly args: string[];
  readonly options?: { readonly cwd?: string };
}

export type ServerConfig =
  | { readonly ok: true; readonly executable: ServerExecutable }
  | { readonly ok: false; readonly error: string };

/** The raw values of teambot.server.command and teambot.server.args, as a user may have written them. */
export interface ServerSettings {
  readonly command?: unknown;
  readonly args?: unknown;
  /** The first workspace folder, if any. */
  readonly workspaceFolder?: string;
}

export function documentSelector(): DocumentFilter[] {
  // Only files on disk: the server reads sibling files (prompt templates) relative to the workflow.
  return WORKFLOW_PATTERNS.map((pattern) => ({ scheme: 'file', language: 'yaml', pattern }));
}

export function serverConfig(settings: ServerSettings): ServerConfig {
  const command = settings.command ?? DEFAULT_COMMAND;
  if (typeof command !== 'string' || command.trim() === '') {
    return {
      ok: false,
      error:
        'TeamBot: the setting teambot.server.command is empty, so the workflow language server cannot start. ' +
        'Set it to "teambot" (the installed .NET tool) or "dotnet" (with teambot.server.args running a checkout).',
    };
  }

  const args = settings.args ?? DEFAULT_ARGS;
  if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) {
    return {
      ok: false,
      error: `TeamBot: the setting teambot.server.args must be a list of strings, such as ["lsp"]; it is ${JSON.stringify(args)}.`,
    };
  }

  // The workspace folder as working directory lets a checkout's relative path (--project src/TeamBot.Cli) resolve.
  const options = settings.workspaceFolder ? { cwd: settings.workspaceFolder } : undefined;
  return { ok: true, executable: { command: command.trim(), args: [...args], ...(options && { options }) } };
}
