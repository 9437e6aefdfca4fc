import assert from 'node:assert/strict';
import { utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { LoadResult } from '../../src/archive/loader.js';
import type { PostCache } from '../../src/archive/post-cache.js';
import { cachedArchive, CHECKED_OUT, loadWays, startWith } from '../helpers/cached-loads.js';
import type { Post } from '../../src/archive/post.js';
import { firstParagraph } from '../../src/archive/summary.js';

const start = startWith;
const archive = cachedArchive;

/** Whether the post still waits to work out its summary (an accessor, its own or its class's, in its place). */
function waiting(post: Post): boolean {
  for (let o: object | null = post; o; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, 'summary');
    if (d) return d.get !== undefined;
  }
  return false;
}

const ways = loadWays();

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
    const kept = (r: LoadResult, cache: PostCache | null) => r.posts.map((p) => [p.source, cache!.kept('summary')!.get(p)]);
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
