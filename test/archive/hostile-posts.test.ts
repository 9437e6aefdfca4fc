import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier } from '../../src/archive/classify/classify.js';
import { loadPostDirectory } from '../../src/archive/loader.js';
import { readPost } from '../../src/archive/parse-post.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import { DirectorySource } from '../../src/archive/sources/directory-source.js';
import { FIXTURE_POSTS } from '../helpers/bot.js';
import { PROJECT_ROOT } from '../../src/base/paths.js';

const HOSTILE = join(PROJECT_ROOT, 'test/fixtures/hostile/posts');
const options = { permalink: DEFAULT_PERMALINK, classifier: new Classifier() };
const read = (name: string) => readPost(join(HOSTILE, name), name, readFileSync(join(HOSTILE, name), 'utf8'), options);

/** The fixture archive with the hostile posts dropped in. */
function archiveWithHostile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-hostile-'));
  cpSync(FIXTURE_POSTS, dir, { recursive: true });
  cpSync(HOSTILE, dir, { recursive: true });
  return dir;
}

describe('hostile post files (issue 29)', () => {
  it('skips a post whose title is a mapping, with a warning naming the field and its line', () => {
    const r = read('2016-06-03-title-as-mapping.html.md');
    assert.ok('warning' in r);
    assert.equal(r.warning.line, 2);
    assert.match(r.warning.reason, /^'title' must be text or a number, got a mapping; the post is skipped$/);
  });

  it('skips a post whose author is a mapping, naming the field', () => {
    const r = read('2016-06-04-author-as-mapping.html.md');
    assert.ok('warning' in r);
    assert.equal(r.warning.line, 3);
    assert.match(r.warning.reason, /^'author' must be text or a list of names, got a mapping/);
  });

  it('skips a post whose tags are a mapping or a list of mappings, naming the field', () => {
    for (const name of ['2016-06-05-tags-as-mappings.html.md', '2016-06-06-tags-as-mapping.html.md']) {
      const r = read(name);
      assert.ok('warning' in r, name);
      assert.match(r.warning.reason, /^'tags' must be text or a list of words, got a (mapping|list)/);
    }
  });

  it('refuses front matter whose aliases expand past the limit (a 560-byte alias bomb) at once', () => {
    const started = performance.now();
    const r = read('2016-06-07-alias-bomb.html.md');
    assert.ok('warning' in r);
    assert.match(r.warning.reason, /^bad front matter: it holds over 10000 values once its aliases are expanded$/);
    assert.ok(performance.now() - started < 2000);
  });

  it('still reads a list of authors, numbers as titles and tags, and a list of tags with an empty item', () => {
    const text = '---\ntitle: 2016\nauthor: [Ana, Joe]\ndate: 2016-06-02 20:08:42 UTC\ntags: [rdo, 42, ~]\n---\n\nBody.\n';
    const r = readPost('/x/2016-06-02-numbers.html.md', '2016-06-02-numbers.html.md', text, options);
    assert.ok('post' in r);
    assert.equal(r.post.title, '2016');
    assert.equal(r.post.author, 'Ana, Joe');
    assert.deepEqual(r.post.tags, ['rdo', '42']);
  });

  for (const workerOnly of [false, true]) {
    it(`loads every other post of the archive beside them${workerOnly ? ', in the reading thread' : ''}`, async () => {
      const dir = archiveWithHostile();
      const clean = await loadPostDirectory(FIXTURE_POSTS, options);
      const r = await loadPostDirectory(dir, options, null, { workerOnly });
      assert.equal(r.posts.length, clean.posts.length);
      const hostile = readdirSync(HOSTILE).map((n) => join(dir, n));
      assert.deepEqual(r.warnings.filter((w) => hostile.includes(w.file)).map((w) => w.file).sort(), hostile.sort());
    });
  }

  it('reads on this thread what a reading thread that died did not send', async () => {
    const clean = await loadPostDirectory(FIXTURE_POSTS, options);
    const r = await loadPostDirectory(archiveWithHostile(), options, null, { workerOnly: true, stopWorker: true });
    assert.equal(r.posts.length, clean.posts.length);
    assert.equal(r.warnings.length, clean.warnings.length + readdirSync(HOSTILE).length);
  });

  it('keeps following the directory when a hostile post is written into it', async () => {
    const dir = archiveWithHostile();
    const source = new DirectorySource(dir, options);
    await source.load();
    for (const name of readdirSync(HOSTILE)) {
      const u = await source.refreshFile(name);
      assert.ok(u && u.warnings.length === 1 && u.upserted.length === 0, name);
    }
    await source.stop();
  });
});
