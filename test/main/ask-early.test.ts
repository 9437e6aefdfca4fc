import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configAhead, readEarlyFor } from '../../src/main/ask-early.js';
import { takeEarlyReader } from '../../src/archive/listing.js';
import { ROOT } from '../helpers/run-cli.js';

const POSTS = join(ROOT, 'test/fixtures/posts');

/** Whether `rdobot ask <argv>` under `env` would start its reading thread ahead (the thread itself let go at once). */
async function readsAhead(argv: string[], env: Record<string, string>): Promise<boolean> {
  const yes = await readEarlyFor(argv, env, ROOT, [POSTS]);
  void takeEarlyReader()?.terminate();
  return yes;
}

describe('rdobot ask: a reading thread started ahead of a first run', () => {
  it('is started when the run has no post cache yet, and not once it has one', async () => {
    const data = mkdtempSync(join(tmpdir(), 'rdobot-ask-early-'));
    const argv = ['--archive', POSTS, '!interview latest'];
    assert.equal(await readsAhead(argv, { RDOBOT_DATA_DIR: data }), true);
    mkdirSync(join(data, 'cache'));
    writeFileSync(join(data, 'cache', 'posts.sqlite'), '');
    assert.equal(await readsAhead(argv, { RDOBOT_DATA_DIR: data }), false);
  });

  it('is started for a run that reads every file whatever the cache holds (--no-cache, RDOBOT_CACHE=off)', async () => {
    const data = mkdtempSync(join(tmpdir(), 'rdobot-ask-early-'));
    mkdirSync(join(data, 'cache'));
    writeFileSync(join(data, 'cache', 'posts.sqlite'), '');
    assert.equal(await readsAhead(['--archive', POSTS, '--no-cache', '!post latest'], { RDOBOT_DATA_DIR: data }), true);
    assert.equal(await readsAhead(['--archive', POSTS, '!post latest'], { RDOBOT_DATA_DIR: data, RDOBOT_CACHE: 'off' }), true);
  });

  it('is not started without an archive directory, nor when the configuration does not read (the command says why)', async () => {
    assert.equal(await readEarlyFor(['!post latest'], {}, ROOT, []), false);
    assert.equal(await readsAhead(['--archive', POSTS, '!post latest'], { RDOBOT_CACHE: 'sometimes' }), false);
  });

  it('hands the configuration it read to the run of the same environment, once', async () => {
    const data = mkdtempSync(join(tmpdir(), 'rdobot-ask-early-'));
    const env = { RDOBOT_DATA_DIR: data, RDOBOT_NICK: 'early' };
    await readsAhead(['--archive', POSTS, '!post latest'], env);
    assert.equal(configAhead({ ...env }, ROOT), undefined, 'not for another environment');
    await readsAhead(['--archive', POSTS, '!post latest'], env);
    assert.equal(configAhead(env, ROOT)?.nick, 'early');
    assert.equal(configAhead(env, ROOT), undefined, 'once');
  });

  it('knows a warm run by its cache file where RDOBOT_DATA_DIR puts it, without reading the configuration', async () => {
    const data = mkdtempSync(join(tmpdir(), 'rdobot-ask-early-'));
    mkdirSync(join(data, 'cache'));
    writeFileSync(join(data, 'cache', 'posts.sqlite'), '');
    const env = { RDOBOT_DATA_DIR: data };
    assert.equal(await readsAhead(['--archive', POSTS, '!post latest'], env), false);
    assert.equal(configAhead(env, ROOT), undefined);
  });
});
