import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneShotConfig, readEarlyFor } from '../../src/main/ask-early.js';
import { takeEarlyReader } from '../../src/archive/listing.js';
import { ROOT } from '../helpers/run-cli.js';

const POSTS = join(ROOT, 'test/fixtures/posts');

/** Whether `rdobot ask <argv>` under `env` would start its reading thread ahead (the thread itself let go at once). */
function readsAhead(argv: string[], env: Record<string, string>): boolean {
  const yes = readEarlyFor(argv, env, ROOT, [POSTS]);
  void takeEarlyReader()?.terminate();
  return yes;
}

describe('rdobot ask: a reading thread started ahead of a first run', () => {
  it('is started when the run has no post cache yet, and not once it has one', () => {
    const data = mkdtempSync(join(tmpdir(), 'rdobot-ask-early-'));
    const argv = ['--archive', POSTS, '!interview latest'];
    assert.equal(readsAhead(argv, { RDOBOT_DATA_DIR: data }), true);
    mkdirSync(join(data, 'cache'));
    writeFileSync(join(data, 'cache', 'posts.sqlite'), '');
    assert.equal(readsAhead(argv, { RDOBOT_DATA_DIR: data }), false);
  });

  it('is started for a run that reads every file whatever the cache holds (--no-cache, RDOBOT_CACHE=off)', () => {
    const data = mkdtempSync(join(tmpdir(), 'rdobot-ask-early-'));
    mkdirSync(join(data, 'cache'));
    writeFileSync(join(data, 'cache', 'posts.sqlite'), '');
    assert.equal(readsAhead(['--archive', POSTS, '--no-cache', '!post latest'], { RDOBOT_DATA_DIR: data }), true);
    assert.equal(readsAhead(['--archive', POSTS, '!post latest'], { RDOBOT_DATA_DIR: data, RDOBOT_CACHE: 'off' }), true);
  });

  it('is not started without an archive directory, nor when the configuration does not read (the command says why)', () => {
    assert.equal(readEarlyFor(['!post latest'], {}, ROOT, []), false);
    assert.equal(readsAhead(['--archive', POSTS, '!post latest'], { RDOBOT_CACHE: 'sometimes' }), false);
  });

  it('hands the configuration it read to the run of the same environment, once; another reads its own', () => {
    const data = mkdtempSync(join(tmpdir(), 'rdobot-ask-early-'));
    const env = { RDOBOT_DATA_DIR: data, RDOBOT_NICK: 'early' };
    readsAhead(['--archive', POSTS, '!post latest'], env);
    const ahead = oneShotConfig(env, ROOT);
    assert.equal(ahead.nick, 'early');
    assert.notEqual(oneShotConfig(env, ROOT), ahead, 'read again');
    readsAhead(['--archive', POSTS, '!post latest'], env);
    assert.equal(oneShotConfig({ ...env, RDOBOT_NICK: 'other' }, ROOT).nick, 'other');
  });
});
