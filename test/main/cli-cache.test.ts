import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
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

  it('on a corrupt cache file, moves it aside in one warning naming both files, answers, and builds a new cache', async () => {
    const { posts, tmp } = setUp();
    const data = join(tmp, 'data');
    const cacheFile = join(data, 'cache', 'posts.sqlite');
    mkdirSync(join(data, 'cache'), { recursive: true });
    writeFileSync(cacheFile, 'garbage '.repeat(500));
    await new Promise((r) => setTimeout(r, 2100)); // the copies' change time must be two seconds old to be cached
    const out = await rdobot(['ask', '!interview latest', '--archive', posts], { RDOBOT_DATA_DIR: data });
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^Interview with Noémie Lefèvre/);
    const lines = out.stderr.split('\n').filter((l) => l.includes('posts.sqlite'));
    assert.equal(lines.length, 1, out.stderr);
    const aside = readdirSync(join(data, 'cache')).filter((f) => f.startsWith('posts.sqlite.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(readFileSync(join(data, 'cache', aside[0]), 'utf8'), 'garbage '.repeat(500), 'kept as it was');
    assert.ok(lines[0].includes(`${cacheFile} is not a database (corrupt?): moved aside to ${join(data, 'cache', aside[0])}`), lines[0]);
    assert.equal(cachedFiles(cacheFile), 5, 'a new cache, built from the files');
  });

  it('on a full disk (a file size limit), answers from the files with one line naming the cache and the real error', async () => {
    const { posts, tmp } = setUp();
    const data = join(tmp, 'data');
    await new Promise((r) => setTimeout(r, 2100));
    // 8 kB: SQLite can create the cache, not fill it; over the limit a write fails (EFBIG), as on a full disk.
    const out = await runWith('bash', ['-c', 'ulimit -f 8 && exec "$0" "$@"', node, CLI, 'ask', '!interview latest', '--archive', posts], '', { ...scrubbedEnv(), RDOBOT_DATA_DIR: data });
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^Interview with Noémie Lefèvre/);
    const lines = out.stderr.split('\n').filter((l) => l.includes('posts.sqlite'));
    assert.equal(lines.length, 1, out.stderr);
    assert.ok(lines[0].includes(`${join(data, 'cache', 'posts.sqlite')}: writing or reading it failed (disk I/O error`), lines[0]);
    assert.doesNotMatch(out.stderr, /cannot rollback|\n\s+at /);
  });
});

