import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_ARGS, DEFAULT_COMMAND, documentSelector, serverConfig } from '../src/config';

/** VS Code's glob for the patterns the selector uses: `**\/` is any folder prefix, `*` stays within a name. */
function globMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split('**/')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('(?:.*/)?');
  return new RegExp(`^${source}$`).test(path);
}

const selected = (path: string) => documentSelector().some((filter) => globMatches(filter.pattern, path));

test('the defaults run the installed tool as `teambot lsp`', () => {
  assert.deepEqual(serverConfig({}), { ok: true, executable: { command: 'teambot', args: ['lsp'] } });
  assert.equal(DEFAULT_COMMAND, 'teambot');
  assert.deepEqual(DEFAULT_ARGS, ['lsp']);
});

test('a custom command and args pass through, run in the workspace folder', () => {
  const args = ['run', '--project', '/repo/src/TeamBot.Cli', '--', 'lsp'];
  const config = serverConfig({ command: 'dotnet', args, workspaceFolder: '/repo' });
  assert.deepEqual(config, { ok: true, executable: { command: 'dotnet', args, options: { cwd: '/repo' } } });
});

test('an empty command is refused with a message naming the setting', () => {
  for (const command of ['', '   ']) {
    const config = serverConfig({ command });
    assert.equal(config.ok, false);
    assert.match(config.ok ? '' : config.error, /teambot\.server\.command is empty/);
  }
});

test('args that are not all strings are refused', () => {
  for (const args of ['lsp', ['lsp', 1], [null]]) {
    const config = serverConfig({ args });
    assert.equal(config.ok, false);
    assert.match(config.ok ? '' : config.error, /teambot\.server\.args must be a list of strings/);
  }
});

test('the document selector takes stages.yaml and *.stages.yaml files on disk, and no other YAML', () => {
  for (const filter of documentSelector()) {
    assert.equal(filter.scheme, 'file');
    assert.equal(filter.language, 'yaml');
  }
  for (const path of ['/repo/stages.yaml', '/repo/examples/review/stages.yaml', '/repo/ci.stages.yaml', '/a/b/x.y.stages.yaml']) {
    assert.ok(selected(path), path);
  }
  for (const path of ['/repo/other.yaml', '/repo/mystages.yaml', '/repo/stages.yaml.bak', '/repo/stages.yml']) {
    assert.ok(!selected(path), path);
  }
});
