import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { Classifier } from '../../src/archive/classify/classify.js';
import { loadPostDirectory, type LoadResult, type Readers } from '../../src/archive/loader.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import { classifierFingerprint, parserFingerprint, PostCache } from '../../src/archive/post-cache.js';

/** Five post files, as messy as the blog's (a broken one among them), cached by the tests below. */
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/cache/posts/', import.meta.url));
/** When the fixtures were "checked out": long enough ago for the cache to trust them. */
export const CHECKED_OUT = new Date('2016-01-01T00:00:00Z');

let roots: string[] = [];
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

/** A copy of the fixtures in a folder of its own (removed after the test), and where its cache goes. */
export function cachedArchive(): { dir: string; cacheFile: string } {
  const root = mkdtempSync(join(tmpdir(), 'rdobot-cached-load-'));
  roots.push(root);
  const dir = join(root, 'posts');
  cpSync(FIXTURES, dir, { recursive: true });
  for (const name of readdirSync(dir)) utimesSync(join(dir, name), CHECKED_OUT, CHECKED_OUT);
  return { dir, cacheFile: join(root, 'posts.sqlite') };
}

/** A load with the cache open while `look` looks at the posts (a value worked out then may be kept in it). */
export async function startWith(dir: string, cacheFile: string | null, readers: Readers = {}, look: (r: LoadResult, cache: PostCache | null) => void = () => undefined, classifier = new Classifier()): Promise<LoadResult> {
  const cache = cacheFile ? PostCache.open(cacheFile, { parser: parserFingerprint({ permalink: DEFAULT_PERMALINK }), classifier: classifierFingerprint(classifier.config) }, { settleMs: 0 }) : null;
  try {
    const result = await loadPostDirectory(dir, { permalink: DEFAULT_PERMALINK, classifier }, cache, readers);
    look(result, cache);
    return result;
  } finally {
    cache?.close();
  }
}

/** Each way a post comes to the archive: read here or by the reading thread, cached or not, from the rows or the snapshot. */
export function loadWays(look: (r: LoadResult, cache: PostCache | null) => void = () => undefined, classifier?: () => Classifier): [string, (dir: string, cacheFile: string) => Promise<LoadResult>][] {
  const start = (dir: string, cacheFile: string | null, readers: Readers = {}) => startWith(dir, cacheFile, readers, look, classifier?.());
  return [
    ['read here, with no cache', (dir) => start(dir, null, { listHere: true })],
    ['read by the reading thread, with no cache', (dir) => start(dir, null, { chunk: 2, workerOnly: true })],
    ['read here and cached', (dir, cacheFile) => start(dir, cacheFile, { listHere: true })],
    ['read by the reading thread and cached', (dir, cacheFile) => start(dir, cacheFile, { chunk: 2, workerOnly: true })],
    [
      'from the cached rows',
      async (dir, cacheFile) => {
        await startWith(dir, cacheFile);
        const db = new DatabaseSync(cacheFile);
        db.exec('DELETE FROM snapshots');
        db.close();
        return start(dir, cacheFile);
      },
    ],
    [
      "from the directory's snapshot",
      async (dir, cacheFile) => {
        await startWith(dir, cacheFile);
        return start(dir, cacheFile);
      },
    ],
  ];
}
