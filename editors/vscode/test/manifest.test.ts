// package.json repeats facts that the code owns (defaults, the bundle's path); these tests keep the two from drifting.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ARGS, DEFAULT_COMMAND, WORKFLOW_PATTERNS } from '../src/config';

// Compiled to out/test/, two folders below package.json.
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;

test('the extension activates in a workspace with a workflow file and when YAML opens', () => {
  assert.deepEqual(manifest.activationEvents, [
    ...WORKFLOW_PATTERNS.map((pattern) => `workspaceContains:${pattern}`),
    'onLanguage:yaml',
  ]);
});

test('main is the file esbuild writes', () => {
  const outfile = /--outfile=(\S+)/.exec(manifest.scripts.bundle)?.[1];
  assert.ok(outfile, manifest.scripts.bundle);
  assert.equal(join(manifest.main), join(outfile));
  assert.match(manifest.scripts.bundle, /--external:vscode/);
});

test('the contributed settings default to what config.ts uses', () => {
  assert.equal(properties['teambot.server.command'].default, DEFAULT_COMMAND);
  assert.deepEqual(properties['teambot.server.args'].default, DEFAULT_ARGS);
  assert.equal(properties['teambot.server.args'].items.type, 'string');
  assert.deepEqual(properties['teambot.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('@types/vscode is no newer than the engine, as vsce requires', () => {
  assert.equal(manifest.engines.vscode, '^1.82.0');
  assert.match(manifest.devDependencies['@types/vscode'], /^~?1\.82\./);
});
