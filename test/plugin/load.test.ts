import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlugins, pluginList } from '../../src/plugin/load.js';
import { PROJECT_ROOT } from '../../src/base/paths.js';
import { keptLog } from './log-lines.js';
import { onePlugin, pluginFolder, pluginsRoot } from './plugin-folder.js';

const BUILT_IN = ['interview', 'post', 'meeting'];

async function load(list: string[], root: string, env: Record<string, string> = {}, pluginDir?: string) {
  const log = keptLog();
  const result = await loadPlugins(list, { cwd: root, pluginDir, rdobotRoot: PROJECT_ROOT, builtIn: BUILT_IN, settings: { env }, logger: log.logger });
  return { ...result, warnings: log.lines().filter((l) => l.level === 40).map((l) => l.msg) };
}

describe('RDOBOT_PLUGINS: plugins loaded from folders and installed packages, in order', () => {
  it('reads the list as commas, blanks ignored', () => {
    assert.deepEqual(pluginList(' ./a, b ,,@scope/c '), ['./a', 'b', '@scope/c']);
    assert.deepEqual(pluginList(undefined), []);
  });

  it('loads folders given relative to the working directory or absolute, in the order listed', async () => {
    const root = pluginsRoot();
    pluginFolder(root, 'one', onePlugin('one', 'One'));
    const two = pluginFolder(root, 'two', onePlugin('two', 'Two'));
    const { loaded, warnings } = await load(['./one', two], root);
    assert.deepEqual(loaded.map((l) => l.plugin.name), ['one', 'two']);
    assert.equal(loaded[1].source, two);
    assert.deepEqual(warnings, []);
  });

  it('takes a folder\'s module from package.json exports, then main, then index.js', async () => {
    const root = pluginsRoot();
    const a = pluginFolder(root, 'a', 'throw new Error("not me")', { exports: { '.': { import: './src/main.js' } } });
    mkdirSync(join(a, 'src'));
    writeFileSync(join(a, 'src/main.js'), onePlugin('a', 'A'));
    const b = pluginFolder(root, 'b', 'throw new Error("not me")', { main: 'lib.js' });
    writeFileSync(join(b, 'lib.js'), onePlugin('b', 'B'));
    pluginFolder(root, 'c', onePlugin('c', 'C'));
    const { loaded, warnings } = await load(['./a', './b', './c'], root);
    assert.deepEqual(warnings, []);
    assert.deepEqual(loaded.map((l) => l.plugin.name), ['a', 'b', 'c']);
  });

  it('finds a package by name where npm installed it (RDOBOT_PLUGIN_DIR)', async () => {
    const root = pluginsRoot();
    const installed = join(root, 'installed');
    pluginFolder(join(installed, 'node_modules'), 'rdobot-plugin-greet', onePlugin('greet', 'Hi'));
    pluginFolder(join(installed, 'node_modules'), '@rdo/rdobot-plugin-scoped', onePlugin('scoped', 'Hi'));
    const { loaded, warnings } = await load(['rdobot-plugin-greet', '@rdo/rdobot-plugin-scoped'], root, {}, installed);
    assert.deepEqual(warnings, []);
    assert.deepEqual(loaded.map((l) => l.plugin.name), ['greet', 'scoped']);
  });

  it('skips each plugin that cannot be used with one line naming it and why, and loads the others', async () => {
    const root = pluginsRoot();
    pluginFolder(root, 'throws', 'throw new Error("cannot reach the release server");');
    pluginFolder(root, 'syntax', 'export default {');
    pluginFolder(root, 'nodefault', 'export const x = 1;');
    pluginFolder(root, 'shape', 'export default { name: "Bad Name", version: "1" };');
    pluginFolder(root, 'later', 'export default { name: "later", version: "1", api: 99 };');
    pluginFolder(root, 'meeting', onePlugin('meeting', 'mine'));
    pluginFolder(root, 'good', onePlugin('good', 'Good'));
    pluginFolder(root, 'good2', onePlugin('good', 'Again'));
    const { loaded, skipped, warnings } = await load(['./throws', './syntax', './nodefault', './shape', './later', './meeting', './missing', 'not-installed', './good', './good2'], root);
    assert.deepEqual(loaded.map((l) => l.plugin.name), ['good']);
    assert.equal(skipped.length, 9);
    assert.equal(warnings.length, 9, 'one line each');
    const said = (given: string) => warnings.find((w) => w.startsWith(`plugin ${given} not loaded: `));
    assert.match(said('./throws')!, /it failed to load: cannot reach the release server/);
    assert.match(said('./syntax')!, /it failed to load: /);
    assert.match(said('./nodefault')!, /no default export/);
    assert.match(said('./shape')!, /not a plugin: name: expected lowercase letters/);
    assert.match(said('./later')!, /api: needs a later rdobot/);
    assert.match(said('meeting')!, /the name meeting is a built-in family's; the built-in wins/);
    assert.match(said('./missing')!, /no folder .*missing/);
    assert.match(said('not-installed')!, /no package not-installed installed/);
    assert.match(warnings.at(-1)!, /^plugin good not loaded: the name good is taken by .*good, listed first; the first listed wins$/);
  });
});
