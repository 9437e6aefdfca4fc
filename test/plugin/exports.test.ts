import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, node } from '../helpers/run-cli.js';

const exec = promisify(execFile);
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** A TypeScript plugin in a project of its own outside the repository, with rdobot installed (linked) in node_modules. */
function pluginProject(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-ts-plugin-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'rdobot'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'rdobot-plugin-typed', type: 'module' }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2023', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['index.ts'] }));
  writeFileSync(join(dir, 'index.ts'), source);
  return dir;
}

const typed = (handler: string) => `import { definePlugin, PLUGIN_API } from 'rdobot/plugin';
export default definePlugin({
  name: 'typed',
  version: '1.0.0',
  api: PLUGIN_API,
  settings: { word: { type: 'string', description: 'a word', default: 'Hello' } },
  commands: (ctx) => [{ family: 'typed', name: '', summary: 'greet', handler: ${handler} }],
});
`;

describe('package.json exports rdobot/plugin: the API and its types', function () {
  this.timeout(120_000);

  it('resolves rdobot/plugin to the plugin API at run time', async () => {
    const api = (await import('rdobot/plugin' as string)) as { PLUGIN_API: number; definePlugin: (p: unknown) => unknown };
    assert.equal(api.PLUGIN_API, 1);
    const plugin = { name: 'x', version: '1' };
    assert.equal(api.definePlugin(plugin), plugin);
  });

  it('types a TypeScript plugin written against rdobot/plugin, and catches a handler that answers no reply', async () => {
    await exec(node, [TSC, '-p', join(ROOT, 'tsconfig.plugin-types.json')], { cwd: ROOT });
    const good = pluginProject(typed("(c) => ({ kind: 'answer', text: `${ctx.settings.word}, ${c.message.user.name}` })"));
    await exec(node, [TSC, '-p', good]);
    const bad = pluginProject(typed('() => 42'));
    await assert.rejects(exec(node, [TSC, '-p', bad]), (err: { stdout: string }) => /index\.ts.*error TS/.test(err.stdout));
  });
});
