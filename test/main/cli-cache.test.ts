import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CLI, node, ROOT, runWith, scrubbedEnv } from '../helpers/run-cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/cache/posts');

/** `rdobot <args>` with a clean rdobot environment plus `env` (no data directory unless `env` gives one). */
const rdobot = (args: string[], env: Record<string, string>) => runWith(node, [CLI, ...args], '', { ...scrubbedEnv(), ...env });

/** A copy of the cache fixtures with old times (so they are cached at once), and an empty temporary directory. */
function setUp(): { posts: string; tmp: string } {
  const root = mkdtempSync(join(tmpdir(), 'rdobot-cli-cache-'));
  const posts = join(root, 'posts');
  cpSync(FIXTURES, posts, { recursive: true });
  const old = new Date('2016-01-01T00:00:00Z');
  for (const name of readdirSync(posts)) utimesSync(join(posts, name), old, old);
  return { posts, tmp: join(root, 'tmp') };
}

const cachedFiles = (file: string) => (new DatabaseSync(file, { readOnly: true }).prepare('SELECT COUNT(*) AS n FROM files').get() as { n: number }).n;

describe('command line: the parsed-post cache', function () {
  this.timeout(30_000);

  it('keeps the cache in a private temporary directory by default, and answers the same from it', async () => {
    const { posts, tmp } = setUp();
    const env = { TMPDIR: tmp };
    await new Promise((r) => setTimeout(r, 2100)); // the copies' change time must be two seconds old to be trusted
    const first = await rdobot(['ask', '!interview latest', '--archive', posts], env);
    assert.equal(first.code, 0, first.stderr);
    const cacheFile = join(tmp, `rdobot-${process.getuid!()}`, 'posts-cache.sqlite');
    assert.equal(cachedFiles(cacheFile), 5);
    const second = await rdobot(['ask', '!interview latest', '--archive', posts], env);
    assert.equal(second.stdout, first.stdout);
    assert.match(second.stdout, /^Interview with Noémie Lefèvre — Packstack for the impatient/);
  });

  it('keeps it in RDOBOT_DATA_DIR/cache when a data directory is given', async () => {
    const { posts, tmp } = setUp();
    const data = join(tmp, '..', 'data');
    const r = await rdobot(['ask', '!post latest', '--archive', posts], { TMPDIR: tmp, RDOBOT_DATA_DIR: data });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(join(data, 'cache', 'posts.sqlite')));
    assert.ok(!existsSync(join(tmp, `rdobot-${process.getuid!()}`, 'posts-cache.sqlite')));
  });

  it('uses no cache with --no-cache or RDOBOT_CACHE=off, and answers all the same', async () => {
    const { posts, tmp } = setUp();
    const data = join(tmp, '..', 'data');
    const plain = await rdobot(['ask', '!interview latest', '--archive', posts, '--no-cache'], { TMPDIR: tmp, RDOBOT_DATA_DIR: data });
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /^Interview with Noémie Lefèvre/);
    const off = await rdobot(['ask', '!interview latest', '--archive', posts], { TMPDIR: tmp, RDOBOT_DATA_DIR: data, RDOBOT_CACHE: 'off' });
    assert.equal(off.stdout, plain.stdout);
    assert.ok(!existsSync(join(data, 'cache')), 'nothing was written');
    const bad = await rdobot(['ask', '!help'], { TMPDIR: tmp, RDOBOT_CACHE: 'maybe' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /RDOBOT_CACHE: got 'maybe', expected on or off/);
  });
});
