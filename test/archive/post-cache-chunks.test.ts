import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Classifier, DEFAULT_CLASSIFY } from '../../src/archive/classify/classify.js';
import { loadPostDirectory } from '../../src/archive/loader.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import { classifierFingerprint, parserFingerprint, PostCache } from '../../src/archive/post-cache.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/posts', import.meta.url));

/** One start over `dir` with the cache at `cacheFile`: the posts (as plain data), and how many files were read. */
async function start(dir: string, cacheFile: string) {
  const fingerprints = { parser: parserFingerprint({ permalink: DEFAULT_PERMALINK }), classifier: classifierFingerprint(DEFAULT_CLASSIFY) };
  const cache = PostCache.open(cacheFile, fingerprints, { settleMs: 0 });
  try {
    const r = await loadPostDirectory(dir, { permalink: DEFAULT_PERMALINK, classifier: new Classifier(DEFAULT_CLASSIFY) }, cache);
    return { read: r.read, posts: r.posts.map((p) => ({ source: p.source, title: p.title, kinds: p.kinds, body: p.body, date: p.date.toISO() })) };
  } finally {
    cache?.close();
  }
}

describe('post cache read in chunks', () => {
  it('gives back every cached post as read from its file, a path holding the chunks\' separator (U+001E) included', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rdobot-cache-chunks-'));
    try {
      const dir = join(root, 'posts');
      cpSync(FIXTURES, dir, { recursive: true });
      const odd = readdirSync(dir).find((n) => n.endsWith('.md'))!;
      renameSync(join(dir, odd), join(dir, `odd\u001e${odd}`));
      const cacheFile = join(root, 'posts.sqlite');
      const first = await start(dir, cacheFile);
      const second = await start(dir, cacheFile);
      assert.equal(second.read, 0, 'nothing read again');
      assert.ok(second.posts.some((p) => p.source.includes('\u001e')));
      assert.deepEqual(second.posts, first.posts);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
