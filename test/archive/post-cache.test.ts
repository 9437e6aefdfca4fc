import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { Classifier, DEFAULT_CLASSIFY, type ClassifyConfig } from '../../src/archive/classify/classify.js';
import { loadPostDirectory, type LoadResult } from '../../src/archive/loader.js';
import { identityOf, postIdentity } from '../../src/archive/identity.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import { classifierFingerprint, moduleClosure, parserFingerprint, POST_CACHE_FORMAT, PostCache, type Fingerprints } from '../../src/archive/post-cache.js';
import type { Post } from '../../src/archive/post.js';
import { privateTempDir } from '../../src/base/private-dir.js';
import { fixtureBot } from '../helpers/bot.js';
import type { Logger } from '../../src/base/log.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/cache/posts/', import.meta.url));
/** Checked-out files carry old times; an edit made now is later than anything cached. */
const CHECKED_OUT = new Date('2016-01-01T00:00:00Z');
const DIGEST = '2015-03-13-weekly-digest-week-11.html.md';

const fingerprints = (rules: ClassifyConfig = DEFAULT_CLASSIFY): Fingerprints => ({
  parser: parserFingerprint({ permalink: DEFAULT_PERMALINK }),
  classifier: classifierFingerprint(rules),
});

/** A fresh copy of the fixture archive and a place for its cache. */
function archive(): { dir: string; cacheFile: string } {
  const root = mkdtempSync(join(tmpdir(), 'rdobot-cache-test-'));
  const dir = join(root, 'posts');
  cpSync(FIXTURES, dir, { recursive: true });
  for (const name of readdirSync(dir)) utimesSync(join(dir, name), CHECKED_OUT, CHECKED_OUT);
  return { dir, cacheFile: join(root, 'data', 'cache', 'posts.sqlite') };
}

/**
 * One start: open the cache, load the directory, close. Files are trusted as soon as they are written (settleMs 0),
 * except where a test says otherwise.
 */
async function start(dir: string, cacheFile: string | null, options: { rules?: ClassifyConfig; fingerprints?: Fingerprints; settleMs?: number } = {}): Promise<LoadResult> {
  const cache = cacheFile ? PostCache.open(cacheFile, options.fingerprints ?? fingerprints(options.rules), { settleMs: options.settleMs ?? 0 }) : null;
  try {
    return await loadPostDirectory(dir, { permalink: DEFAULT_PERMALINK, classifier: new Classifier(options.rules ?? DEFAULT_CLASSIFY) }, cache);
  } finally {
    cache?.close();
  }
}

/** Everything a post says, as plain data, to compare a cached post with a parsed one. */
const plain = (p: Post) => ({
  source: p.source,
  slug: p.slug,
  title: p.title,
  author: p.author,
  date: p.date.toISO(),
  zone: p.date.zoneName,
  tags: p.tags,
  url: p.url,
  summary: p.summary,
  body: p.body,
  media: p.media,
  kinds: p.kinds,
  person: p.person,
});
const outcome = (r: LoadResult) => ({ posts: r.posts.map(plain), warnings: r.warnings, hidden: r.hidden });

/** The directory read by a worker thread alone, two files a chunk, into the cache at `cacheFile` (trusting files this settled). */
async function readByWorker(dir: string, cacheFile: string, settleMs = 0): Promise<LoadResult> {
  const cache = PostCache.open(cacheFile, fingerprints(), { settleMs })!;
  try {
    return await loadPostDirectory(dir, { permalink: DEFAULT_PERMALINK, classifier: new Classifier() }, cache, { chunk: 2, workerOnly: true });
  } finally {
    cache.close();
  }
}

describe('parsed-post cache', () => {
  it('reads no file on a second start over an unchanged archive, and gives the very same posts, drafts and warnings', async () => {
    const { dir, cacheFile } = archive();
    const first = await start(dir, cacheFile);
    assert.equal(first.read, 5);
    const second = await start(dir, cacheFile);
    assert.equal(second.read, 0, 'every file came from the cache');
    assert.deepEqual(outcome(second), outcome(first));
    assert.deepEqual(outcome(second), outcome(await start(dir, null)), 'and they are what reading the files gives');
    assert.equal(second.posts.length, 3);
    assert.equal(second.hidden, 1);
    assert.match(second.warnings[0].reason, /bad front matter/);
    assert.equal(second.warnings[0].line, 3);
  });

  it('reads again a file whose text changed, even to the same size, and only that file', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const file = join(dir, DIGEST);
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('week 11', 'week 12'));
    assert.equal(readFileSync(file).length, Buffer.byteLength(before), 'same size');
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 1);
    assert.ok(after.posts.some((p) => p.title === 'Weekly digest, week 12'));
    assert.ok(!after.posts.some((p) => p.title === 'Weekly digest, week 11'));
    assert.equal((await start(dir, cacheFile)).read, 0, 'the new version is cached');
  });

  it('picks up an added file and forgets a removed one', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    writeFileSync(join(dir, '2015-06-01-heron-released.html.md'), '---\ntitle: Heron released\nauthor: rbowen\ndate: 2015-06-01 08:00:00 UTC\n---\n\nIt is out.\n');
    rmSync(join(dir, DIGEST));
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 1, 'only the new file is read');
    assert.deepEqual(after.posts.map((p) => p.title).sort(), ['Heron milestone 1 test day, April 30th', 'Heron released', 'Interview with Noémie Lefèvre — Packstack for the impatient']);
    const rows = new DatabaseSync(cacheFile, { readOnly: true }).prepare('SELECT path FROM files').all() as { path: string }[];
    assert.ok(!rows.some((r) => r.path.endsWith(DIGEST)), 'the removed file is no longer in the cache');
    assert.equal((await start(dir, cacheFile)).read, 0);
  });

  it('reads a touched file again (same text, new time) and gives the same post', async () => {
    const { dir, cacheFile } = archive();
    const first = await start(dir, cacheFile);
    const now = new Date();
    utimesSync(join(dir, DIGEST), now, now);
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 1);
    assert.deepEqual(outcome(after), outcome(first));
  });

  it('reads again a file replaced by another of the same size and time (a restore keeps times; the change time shows it)', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const file = join(dir, DIGEST);
    const replacement = join(dir, '.replacement');
    writeFileSync(replacement, readFileSync(file, 'utf8').replace('week 11', 'week 13'));
    utimesSync(replacement, CHECKED_OUT, CHECKED_OUT);
    renameSync(replacement, file);
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 1);
    assert.ok(after.posts.some((p) => p.title === 'Weekly digest, week 13'));
  });

  it('does not trust a file changed in the last two seconds: it could change again within the same clock tick, unseen', async () => {
    const { dir, cacheFile } = archive();
    // The copies were just made: their change time is now.
    await start(dir, cacheFile, { settleMs: 2000 });
    assert.equal((await start(dir, cacheFile, { settleMs: 2000 })).read, 5, 'nothing was cached yet');
    const cache = PostCache.open(cacheFile, fingerprints(), { now: () => Date.now() + 3000 })!;
    await loadPostDirectory(dir, { permalink: DEFAULT_PERMALINK, classifier: new Classifier() }, cache);
    cache.close();
    assert.equal((await start(dir, cacheFile, { settleMs: 2000 })).read, 0, 'once settled, they are cached');
  });

  it('gives a cached post its body when first asked, from the file as it now is if another rdobot re-read it meanwhile', async () => {
    const { dir, cacheFile } = archive();
    const expected = outcome(await start(dir, cacheFile));
    const cache = PostCache.open(cacheFile, fingerprints(), { settleMs: 0 })!;
    const loaded = await loadPostDirectory(dir, { permalink: DEFAULT_PERMALINK, classifier: new Classifier() }, cache);
    const digest = loaded.posts.find((p) => p.source.endsWith(DIGEST))!;
    const interview = loaded.posts.find((p) => p.kinds.includes('interview'))!;
    assert.equal(interview.body, expected.posts.find((p) => p.source === interview.source)!.body);
    const file = join(dir, DIGEST);
    writeFileSync(file, readFileSync(file, 'utf8').replace('More next week.', 'More next month.'));
    await start(dir, cacheFile);
    assert.match(digest.body, /More next month\./);
    cache.close();
  });

  it('gives back a cached body whole, whatever it holds: a NUL, accents, an emoji', async () => {
    const { dir, cacheFile } = archive();
    const file = join(dir, DIGEST);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nA NUL \u0000 in the middle, é, 😀, and the rest.\n`);
    utimesSync(file, CHECKED_OUT, CHECKED_OUT);
    const read = await start(dir, cacheFile);
    const cache = PostCache.open(cacheFile, fingerprints(), { settleMs: 0 })!;
    const again = await loadPostDirectory(dir, { permalink: DEFAULT_PERMALINK, classifier: new Classifier() }, cache);
    assert.equal(again.read, 0, 'every file came from the cache');
    // The file emptied since: a body read from it rather than from the cache would show.
    writeFileSync(file, '');
    const body = (r: LoadResult) => r.posts.find((p) => p.source === file)!.body;
    assert.match(body(read), /\u0000 in the middle, é, 😀, and the rest\.\n$/);
    assert.equal(body(again), body(read));
    cache.close();
  });

  it('moves a corrupt cache file aside and builds a new one', async () => {
    const { dir, cacheFile } = archive();
    const expected = outcome(await start(dir, null));
    mkdirSync(join(cacheFile, '..'), { recursive: true });
    writeFileSync(cacheFile, 'this is not a database, just bytes where one should be\n'.repeat(200));
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 5);
    assert.deepEqual(outcome(after), expected);
    assert.equal((await start(dir, cacheFile)).read, 0, 'the rebuilt cache serves the next start');
    const aside = readdirSync(join(cacheFile, '..')).filter((f) => f.startsWith('posts.sqlite.corrupt-'));
    assert.equal(readFileSync(join(cacheFile, '..', aside[0]), 'utf8'), 'this is not a database, just bytes where one should be\n'.repeat(200), 'moved aside, not deleted');
  });

  it('ignores a cache cut short (a full disk, a crash while copying) and builds a new one', async () => {
    const { dir, cacheFile } = archive();
    const expected = outcome(await start(dir, cacheFile));
    truncateSync(cacheFile, 6000);
    rmSync(`${cacheFile}-wal`, { force: true });
    const after = await start(dir, cacheFile);
    assert.deepEqual(outcome(after), expected);
    assert.equal((await start(dir, cacheFile)).read, 0);
  });

  it('moves aside (never deletes) a cache whose rows turn out damaged while reading, in one warning, and rebuilds it', async () => {
    const { dir, cacheFile } = archive();
    const expected = outcome(await start(dir, cacheFile));
    const db = new DatabaseSync(cacheFile);
    // Both copies of the rows: each file's row, and the directory's snapshot of them (see post-cache-snapshot.test.ts).
    db.exec("UPDATE files SET data = '{\"post\": {damaged'; UPDATE snapshots SET data = '[{\"post\": {damaged'");
    db.close();
    const lines: string[] = [];
    const logger = { warn: (o: object, m: string) => lines.push(m), info() {}, error: (o: object, m: string) => lines.push(m), debug() {}, child: () => logger } as unknown as Logger;
    const cache = PostCache.open(cacheFile, fingerprints(), { settleMs: 0, logger })!;
    const after = await loadPostDirectory(dir, { permalink: DEFAULT_PERMALINK, classifier: new Classifier() }, cache);
    cache.close();
    assert.deepEqual(outcome(after), expected);
    assert.equal(lines.length, 1, lines.join('\n'));
    const aside = readdirSync(join(cacheFile, '..')).filter((f) => /^posts\.sqlite\.corrupt-[^-]/.test(f));
    assert.equal(aside.length, 1);
    assert.equal(lines[0], `${cacheFile} is not a database (corrupt?): moved aside to ${join(cacheFile, '..', aside[0])}; the post cache is built afresh`);
    assert.equal((await start(dir, cacheFile)).read, 0, 'the rebuilt cache serves the next start');
  });

  it('caches what a worker thread read, so that the next start reads nothing and gives the same', async () => {
    const { dir, cacheFile } = archive();
    const expected = outcome(await start(dir, null));
    const byWorker = await readByWorker(dir, cacheFile);
    assert.deepEqual(outcome(byWorker), expected);
    const again = await start(dir, cacheFile);
    assert.equal(again.read, 0);
    assert.deepEqual(outcome(again), expected);
  });

  it('gives the posts a worker thread read the identities worked out here for the same posts', async () => {
    const { dir, cacheFile } = archive();
    const here = (await start(dir, null)).posts.map((p) => [p.source, postIdentity(p)]);
    const byWorker = await readByWorker(dir, cacheFile);
    assert.deepEqual(byWorker.posts.map((p) => [p.source, postIdentity(p)]), here);
    assert.deepEqual(byWorker.posts.map((p) => postIdentity(p)), byWorker.posts.map((p) => identityOf(p.url, p.date.toISODate())));
  });

  it('gives what a worker thread read as the files say, whether or not it was settled enough to cache', async () => {
    const { dir, cacheFile } = archive();
    const expected = outcome(await start(dir, null));
    const byWorker = await readByWorker(dir, cacheFile, 1e12);
    assert.deepEqual(outcome(byWorker), expected);
    assert.deepEqual(byWorker.posts.map((p) => p.date.toMillis()), byWorker.posts.map((p) => Date.parse(p.date.toISO()!)));
    assert.equal((await start(dir, cacheFile)).read, 5, 'nothing was cached');
  });

  it('reads cached posts\' bodies from their files when the cache cannot give them, saying so once, not once per post', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const lines: string[] = [];
    const logger = { warn: (o: object, m: string) => lines.push(m), info() {}, error: (o: object, m: string) => lines.push(m), debug() {}, child: () => logger } as unknown as Logger;
    const cache = PostCache.open(cacheFile, fingerprints(), { settleMs: 0, logger })!;
    const { posts } = await loadPostDirectory(dir, { permalink: DEFAULT_PERMALINK, classifier: new Classifier() }, cache);
    cache.close(); // as a cache file gone unreadable under the bot
    const expected = outcome(await start(dir, null)).posts.map((p) => p.body);
    assert.deepEqual(posts.map((p) => p.body), expected);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.ok(lines[0].startsWith(`post cache not read: ${cacheFile}: `), lines[0]);
    assert.match(lines[0], /post texts are read from their files$/);
  });

  it('throws away a cache file of another format version', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const db = new DatabaseSync(cacheFile);
    db.exec("UPDATE meta SET value = '0' WHERE key = 'format'");
    db.close();
    assert.equal((await start(dir, cacheFile)).read, 5);
    assert.equal((await start(dir, cacheFile)).read, 0);
  });

  it('carries its format as the schema version (PRAGMA user_version), and starts afresh from another version', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const version = () => {
      const db = new DatabaseSync(cacheFile);
      const v = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
      db.close();
      return v;
    };
    assert.equal(version(), POST_CACHE_FORMAT);
    const db = new DatabaseSync(cacheFile);
    db.exec(`PRAGMA user_version = ${POST_CACHE_FORMAT + 1}`);
    db.close();
    assert.equal((await start(dir, cacheFile)).read, 5, 'a cache of another version is rebuilt');
    assert.equal(version(), POST_CACHE_FORMAT);
    assert.equal((await start(dir, cacheFile)).read, 0);
  });

  it('reads again what another parser (another rdobot version, another permalink setting) cached', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile, { fingerprints: { parser: 'an older parser', classifier: fingerprints().classifier } });
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 5);
    assert.deepEqual(outcome(after), outcome(await start(dir, null)));
    assert.equal((await start(dir, cacheFile)).read, 0);
    assert.notEqual(parserFingerprint({ permalink: { ...DEFAULT_PERMALINK, baseUrl: 'https://example.org' } }), fingerprints().parser);
  });

  it('classifies cached posts again, without reading their files, when the classification rules change', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const noTestDays: ClassifyConfig = { ...DEFAULT_CLASSIFY, rules: DEFAULT_CLASSIFY.rules.filter((r) => r.kind !== 'testday') };
    const after = await start(dir, cacheFile, { rules: noTestDays });
    assert.equal(after.read, 0);
    assert.ok(!after.posts.some((p) => p.kinds.includes('testday')), 'no post is a test day under the new rules');
    const back = await start(dir, cacheFile);
    assert.equal(back.read, 0);
    assert.ok(back.posts.some((p) => p.kinds.includes('testday')));
  });

  it('fingerprints the code of the parser and the classifier with everything they import', () => {
    const names = (url: URL) => moduleClosure(url).map((u) => u.pathname.split('/dist/')[1]);
    const parser = names(new URL('../../src/archive/parse-post.js', import.meta.url));
    for (const m of ['src/archive/parse-post.js', 'src/archive/dates.js', 'src/archive/summary.js', 'src/archive/media.js', 'src/core/sanitize.js']) {
      assert.ok(parser.includes(m), `${m} is part of the parser's fingerprint`);
    }
    assert.ok(names(new URL('../../src/archive/classify/classify.js', import.meta.url)).includes('src/archive/classify/classify.js'));
  });

  it('answers a bot from cached posts exactly as from the files', async () => {
    const { dir, cacheFile } = archive();
    const questions = ['!interview latest', '!post latest', '!post search packstack', '!post tag digest', '!testday list', '!post stats', '!about'];
    const fresh = await fixtureBot({ archiveDirs: [dir] });
    const expected = await Promise.all(questions.map((q) => fresh.ask(q)));
    for (let run = 0; run < 2; run++) {
      const cached = await fixtureBot({ archiveDirs: [dir], postCache: cacheFile });
      assert.deepEqual(await Promise.all(questions.map((q) => cached.ask(q))), expected, `start ${run + 1}`);
      await cached.bot.stop();
    }
  });

  it('keeps its temporary directory private, and refuses one that others can write to', () => {
    const base = mkdtempSync(join(tmpdir(), 'rdobot-private-'));
    const dir = privateTempDir(base, 'mine');
    assert.equal(dir, join(base, 'mine'));
    const shared = join(base, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    assert.equal(privateTempDir(base, 'shared'), null);
  });
});
