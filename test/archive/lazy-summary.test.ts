import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { Classifier, DEFAULT_CLASSIFY } from '../../src/archive/classify/classify.js';
import { loadPostDirectory, type LoadResult, type Readers } from '../../src/archive/loader.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import { classifierFingerprint, parserFingerprint, PostCache } from '../../src/archive/post-cache.js';
import type { Post } from '../../src/archive/post.js';
import { firstParagraph } from '../../src/archive/summary.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/cache/posts/', import.meta.url));
const CHECKED_OUT = new Date('2016-01-01T00:00:00Z');
const fingerprints = () => ({ parser: parserFingerprint({ permalink: DEFAULT_PERMALINK }), classifier: classifierFingerprint(DEFAULT_CLASSIFY) });

let roots: string[] = [];
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

function archive(): { dir: string; cacheFile: string } {
  const root = mkdtempSync(join(tmpdir(), 'rdobot-summary-test-'));
  roots.push(root);
  const dir = join(root, 'posts');
  cpSync(FIXTURES, dir, { recursive: true });
  for (const name of readdirSync(dir)) utimesSync(join(dir, name), CHECKED_OUT, CHECKED_OUT);
  return { dir, cacheFile: join(root, 'posts.sqlite') };
}

/** A load with the cache open while `look` looks at the posts (a summary read then may be kept in it). */
async function start(dir: string, cacheFile: string | null, readers: Readers = {}, look: (r: LoadResult, cache: PostCache | null) => void = () => undefined): Promise<LoadResult> {
  const cache = cacheFile ? PostCache.open(cacheFile, fingerprints(), { settleMs: 0 }) : null;
  try {
    const result = await loadPostDirectory(dir, { permalink: DEFAULT_PERMALINK, classifier: new Classifier() }, cache, readers);
    look(result, cache);
    return result;
  } finally {
    cache?.close();
  }
}

/** Whether the post still waits to work out its summary (an accessor, its own or its class's, in its place). */
function waiting(post: Post): boolean {
  for (let o: object | null = post; o; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, 'summary');
    if (d) return d.get !== undefined;
  }
  return false;
}

const ways: [string, (dir: string, cacheFile: string) => Promise<LoadResult>][] = [
  ['read here, with no cache', (dir) => start(dir, null, { listHere: true })],
  ['read by the reading thread, with no cache', (dir) => start(dir, null, { chunk: 2, workerOnly: true })],
  ['read here and cached', (dir, cacheFile) => start(dir, cacheFile, { listHere: true })],
  ['read by the reading thread and cached', (dir, cacheFile) => start(dir, cacheFile, { chunk: 2, workerOnly: true })],
  [
    'from the cached rows',
    async (dir, cacheFile) => {
      await start(dir, cacheFile);
      const db = new DatabaseSync(cacheFile);
      db.exec('DELETE FROM snapshots');
      db.close();
      return start(dir, cacheFile);
    },
  ],
  [
    "from the directory's snapshot",
    async (dir, cacheFile) => {
      await start(dir, cacheFile);
      return start(dir, cacheFile);
    },
  ],
];

describe('a post summarised when first read', () => {
  for (const [how, load] of ways) {
    it(`works out no summary while loading, then the summary of the body (${how})`, async () => {
      const { dir, cacheFile } = archive();
      const { posts } = await load(dir, cacheFile);
      assert.ok(posts.length >= 3);
      for (const post of posts) assert.ok(waiting(post), `${post.source}: summarised while loading`);
      for (const post of posts) {
        assert.equal(post.summary, firstParagraph(post.body), post.source);
        assert.ok(!waiting(post), 'a plain property once read');
      }
    });
  }

  it('stores no summary in the cached rows', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const db = new DatabaseSync(cacheFile, { readOnly: true });
    const rows = db.prepare('SELECT data FROM files').all() as { data: string }[];
    db.close();
    assert.ok(rows.some((r) => 'post' in JSON.parse(r.data)));
    for (const { data } of rows) assert.ok(!('summary' in ((JSON.parse(data) as { post?: object }).post ?? {})), data);
  });

  it('keeps a summary once read in the cache, for that version of the post only, and gives it back at the next start', async () => {
    const { dir, cacheFile } = archive();
    let shown = '';
    let summary = '';
    await start(dir, cacheFile, {}, ({ posts }) => {
      shown = posts[0].source;
      summary = posts[0].summary;
    });
    const kept = (r: LoadResult, cache: PostCache | null) => r.posts.map((p) => [p.source, cache!.summaries()!.get(p)]);
    let found: unknown[] = [];
    await start(dir, cacheFile, {}, (r, cache) => (found = kept(r, cache)));
    assert.deepEqual(
      found,
      found.map((f) => [(f as string[])[0], (f as string[])[0] === shown ? summary : undefined]),
    );
    // Another version of the post: its summary is worked out again.
    writeFileSync(shown, readFileSync(shown, 'utf8').replace(/\n\n/, '\n\nA new opening sentence of the post.\n\n'));
    utimesSync(shown, CHECKED_OUT, new Date('2016-01-02T00:00:00Z'));
    await start(dir, cacheFile, {}, (r, cache) => (found = kept(r, cache)));
    assert.equal((found.find((f) => (f as string[])[0] === shown) as string[])[1], undefined);
  });
});
