import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginStore, RdobotPlugin } from '../../src/plugin/api.js';
import { openPluginStore } from '../../src/plugin/store.js';
import { fixtureBot } from '../helpers/bot.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'rdobot-plugin-store-'));

describe('a plugin\'s own store: one SQLite file per plugin, at the version of its steps', () => {
  it('keeps values as JSON, lists keys by prefix, deletes', () => {
    const store = openPluginStore(':memory:', 'notes', []);
    store.set('a', { n: 1 });
    store.set('b', [1, 2]);
    assert.deepEqual(store.get('a'), { n: 1 });
    assert.deepEqual(store.keys(), ['a', 'b']);
    assert.equal(store.delete('a'), true);
    assert.equal(store.delete('a'), false);
    assert.equal(store.get('a'), undefined);
  });

  it('takes % and _ in keys and prefixes literally', () => {
    const store = openPluginStore(':memory:', 'notes', []);
    for (const key of ['100%', '100_done', '1000', 'a_b', 'axb']) store.set(key, key);
    assert.deepEqual(store.keys('100%'), ['100%']);
    assert.deepEqual(store.keys('100_'), ['100_done']);
    assert.deepEqual(store.keys('a_'), ['a_b']);
    assert.equal(store.get('100%'), '100%');
  });

  it('upgrades a store written by an earlier version of the plugin, keeping what it holds', () => {
    const file = join(dataDir(), 'plugins', 'karma.sqlite');
    const v1 = openPluginStore(file, 'karma', ['CREATE TABLE points (who TEXT PRIMARY KEY, n INTEGER NOT NULL)']);
    assert.equal(v1.version, 1);
    v1.run('INSERT INTO points (who, n) VALUES (?, ?)', 'alice', 3);
    v1.set('since', '2026-01-01');
    const v2 = openPluginStore(file, 'karma', ['CREATE TABLE points (who TEXT PRIMARY KEY, n INTEGER NOT NULL)', "ALTER TABLE points ADD COLUMN note TEXT NOT NULL DEFAULT ''"]);
    assert.equal(v2.version, 2);
    assert.deepEqual(v2.all('SELECT who, n, note FROM points'), [{ who: 'alice', n: 3, note: '' }]);
    assert.equal(v2.get('since'), '2026-01-01');
  });

  it('gives each plugin its own file under plugins/ in the data directory, kept across a restart', async () => {
    const dir = dataDir();
    const counter = (name: string): RdobotPlugin => ({
      name,
      version: '1.0.0',
      commands: (ctx) => [
        {
          family: name,
          name: '',
          summary: 'count',
          handler: () => {
            const store: PluginStore = ctx.store;
            const n = (store.get<number>('count') ?? 0) + 1;
            store.set('count', n);
            return { kind: 'answer', text: `${name} ${n}` };
          },
        },
      ],
    });
    const plugins = () => [counter('ticks'), counter('tocks')].map((plugin) => ({ plugin, settings: {}, source: `/plugins/${plugin.name}` }));
    const first = await fixtureBot({ dataDir: dir, plugins: plugins() });
    assert.equal((await first.ask('!ticks'))?.text, 'ticks 1');
    assert.equal((await first.ask('!ticks'))?.text, 'ticks 2');
    assert.equal((await first.ask('!tocks'))?.text, 'tocks 1', 'another plugin has its own count');
    first.bot.close();
    assert.ok(existsSync(join(dir, 'plugins', 'ticks.sqlite')) && existsSync(join(dir, 'plugins', 'tocks.sqlite')));
    const again = await fixtureBot({ dataDir: dir, plugins: plugins() });
    assert.equal((await again.ask('!ticks'))?.text, 'ticks 3');
    again.bot.close();
  });
});
