import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanEnv, node, runWith } from '../helpers/run-cli.js';
import { onePlugin, pluginFolder, pluginsRoot } from './plugin-folder.js';

const rdobot = (args: string[], env: Record<string, string> = {}, input = '') => runWith(node, [CLI, ...args], input, cleanEnv(env));

/** A plugin with a secret setting, a plain one and one defaulted. */
const WITH_SETTINGS = onePlugin(
  'karma',
  'Karma',
  "description: 'points for helping', settings: { token: { type: 'string', description: 'API token', secret: true, required: true }, channel: { type: 'string', description: 'where', default: '#rdo' }, max: { type: 'integer', description: 'cap' } },",
);

describe('rdobot run and rdobot plugins with RDOBOT_PLUGINS', function () {
  this.timeout(30_000);

  it('answers a plugin\'s command in the running service (the terminal adapter)', async () => {
    const root = pluginsRoot();
    const dir = pluginFolder(root, 'hello', onePlugin('hello', 'Hello from a plugin'));
    const r = await rdobot(['run'], { RDOBOT_ADAPTERS: 'shell', HTTP_PORT: 'off', RDOBOT_PLUGINS: dir }, '!hello\n');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Hello from a plugin/);
  });

  it('lists what would be loaded: name, version, folder, commands, settings with secrets hidden, and each problem', async () => {
    const root = pluginsRoot();
    const karma = pluginFolder(root, 'karma', WITH_SETTINGS);
    const broken = pluginFolder(root, 'broken', 'throw new Error("boom");');
    const meeting = pluginFolder(root, 'meeting', onePlugin('meeting', 'x'));
    const r = await rdobot(['plugins'], { RDOBOT_PLUGINS: [karma, broken, meeting].join(','), RDOBOT_PLUGIN_KARMA_TOKEN: 'hunter2' }, '');
    assert.equal(r.code, 1, 'a plugin left out is an exit code for scripts');
    assert.doesNotMatch(r.stdout + r.stderr, /hunter2/);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 6), [
      'karma 1.0.0 — points for helping',
      `  from: ${karma}`,
      '  commands: !karma',
      '  setting token = (set, hidden)   (RDOBOT_PLUGIN_KARMA_TOKEN; API token)',
      '  setting channel = #rdo   (RDOBOT_PLUGIN_KARMA_CHANNEL; where)',
      '  setting max = (not set)   (RDOBOT_PLUGIN_KARMA_MAX; cap)',
    ]);
    assert.equal(lines[6], 'not loaded:');
    assert.equal(lines[7], `  ${broken}: it failed to load: boom`);
    assert.equal(lines[8], `  meeting (${meeting}): the name meeting is a built-in family's; the built-in wins`);
  });

  it('cuts a plugin command that hangs after RDOBOT_PLUGIN_TIMEOUT, and refuses a timeout that is not a duration', async () => {
    const root = pluginsRoot();
    const dir = pluginFolder(root, 'stuck', "export default { name: 'stuck', version: '2.0.0', commands: () => [{ family: 'stuck', name: '', summary: 'never answers', handler: () => new Promise(() => {}) }] };");
    const r = await rdobot(['ask', '!stuck'], { RDOBOT_PLUGINS: dir, RDOBOT_PLUGIN_TIMEOUT: '300ms' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^rdobot: Sorry, !stuck \(plugin stuck\) took longer than 0\.3 s and was stopped\.$/m);
    const bad = await rdobot(['ask', '!help'], { RDOBOT_PLUGIN_TIMEOUT: 'soon' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /RDOBOT_PLUGIN_TIMEOUT: got 'soon', expected a duration/);
  });

  it('says so when no plugin is listed', async () => {
    const r = await rdobot(['plugins']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /No plugins: RDOBOT_PLUGINS lists none/);
  });

  it('names both subcommands in its usage', async () => {
    const r = await rdobot(['help']);
    assert.match(r.stdout, /rdobot plugins {2,}/);
    assert.match(r.stdout, /rdobot plugin new <name> /);
    assert.match((await rdobot(['plugin', '--help'])).stdout, /usage: rdobot plugin new <name>/);
  });
});

describe('rdobot plugin new <name>', function () {
  this.timeout(30_000);

  /** rdobot in a working directory of the test's own, outside the repository. */
  const inFolder = (cwd: string, args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      execFile(node, args, { cwd, env: cleanEnv(env) }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })),
    );

  it('makes a plugin folder whose own test passes with node --test alone, and that a real rdobot loads', async () => {
    const root = pluginsRoot();
    const made = await inFolder(root, [CLI, 'plugin', 'new', 'greet']);
    assert.equal(made.code, 0, made.stderr);
    const dir = join(root, 'greet');
    assert.equal(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type, 'module');
    assert.ok(existsSync(join(dir, 'README.md')));
    const tested = await inFolder(dir, ['--test']);
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
    assert.match(tested.stdout, /# pass 1/);
    const asked = await inFolder(root, [CLI, 'ask', '!greet'], { RDOBOT_PLUGINS: './greet' });
    assert.equal(asked.stdout, 'Hello, cli\n', asked.stderr);
  });

  it('never writes over a folder that exists, and refuses a name that is not a plugin name', async () => {
    const root = pluginsRoot();
    assert.equal((await inFolder(root, [CLI, 'plugin', 'new', 'greet'])).code, 0);
    writeFileSync(join(root, 'greet', 'index.js'), '// mine');
    const again = await inFolder(root, [CLI, 'plugin', 'new', 'greet']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /greet already exists: not overwriting it/);
    assert.equal(readFileSync(join(root, 'greet', 'index.js'), 'utf8'), '// mine');
    assert.match((await inFolder(root, [CLI, 'plugin', 'new', 'Bad_Name'])).stderr, /plugin name 'Bad_Name': expected lowercase letters/);
  });
});
