import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Archive, postIdentity } from '../../src/archive/archive.js';
import { Classifier, DEFAULT_CLASSIFY, type ClassifyConfig } from '../../src/archive/classify/classify.js';
import { loadPostDirectory, type LoadResult, type Readers } from '../../src/archive/loader.js';
import { listAhead, listEarly, listPostFiles } from '../../src/archive/listing.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import { readPostTextSync, stampOf } from '../../src/archive/post-file.js';
import { classifierFingerprint, parserFingerprint, PostCache } from '../../src/archive/post-cache.js';
import type { Post } from '../../src/archive/post.js';
import { SearchIndex } from '../../src/archive/search.js';
import { SnapshotPost } from '../../src/archive/snapshot-post.js';
import { DirectorySource } from '../../src/archive/sources/directory-source.js';
import { cachedArchive, CHECKED_OUT } from '../helpers/cached-loads.js';

const DIGEST = '2015-03-13-weekly-digest-week-11.html.md';

const fingerprints = (rules: ClassifyConfig = DEFAULT_CLASSIFY) => ({ parser: parserFingerprint({ permalink: DEFAULT_PERMALINK }), classifier: classifierFingerprint(rules) });
const options = (rules: ClassifyConfig = DEFAULT_CLASSIFY) => ({ permalink: DEFAULT_PERMALINK, classifier: new Classifier(rules) });

const archive = cachedArchive;

/** How the files are listed and looked at: here, or in a thread of their own (see listing.ts), set by each describe below. */
let readers: Readers = {};

async function start(dir: string, cacheFile: string | null, rules: ClassifyConfig = DEFAULT_CLASSIFY): Promise<LoadResult> {
  const cache = cacheFile ? PostCache.open(cacheFile, fingerprints(rules), { settleMs: 0 }) : null;
  try {
    return await loadPostDirectory(dir, options(rules), cache, readers);
  } finally {
    cache?.close();
  }
}

const plain = (p: Post) => ({ source: p.source, title: p.title, date: p.date.toISO(), tags: p.tags, summary: p.summary, body: p.body, kinds: p.kinds, person: p.person });
const outcome = (r: LoadResult) => ({ posts: r.posts.map(plain), warnings: r.warnings, hidden: r.hidden });

/** What the directory's snapshot holds: each path with the stamp it was cached at. */
function snapshotOf(cacheFile: string): Map<string, string> {
  const db = new DatabaseSync(cacheFile, { readOnly: true });
  try {
    const held = new Map<string, string>();
    for (const row of db.prepare('SELECT dir, names, stamps FROM snapshots ORDER BY part').all() as { dir: string; names: string; stamps: Uint8Array }[]) {
      const names = JSON.parse(row.names) as string[];
      // Three numbers per file (size, mtimeMs, ctimeMs), as stampText writes them.
      const stamps = new Float64Array(row.stamps.slice().buffer);
      names.forEach((name, i) => held.set(join(row.dir, name), `${stamps[i * 3]}:${stamps[i * 3 + 1]}:${stamps[i * 3 + 2]}`));
    }
    return held;
  } finally {
    db.close();
  }
}

/** Counts the snapshots written from now on (a trigger in the cache file). */
function countSnapshotWrites(cacheFile: string): () => number {
  const db = new DatabaseSync(cacheFile);
  db.exec('CREATE TABLE written (n INTEGER); CREATE TRIGGER count_writes AFTER INSERT ON snapshots BEGIN INSERT INTO written VALUES (1); END;');
  db.close();
  return () => {
    const reader = new DatabaseSync(cacheFile, { readOnly: true });
    try {
      return (reader.prepare('SELECT count(*) AS n FROM written').get() as { n: number }).n;
    } finally {
      reader.close();
    }
  };
}

for (const [how, listing] of [['listed here', { listHere: true }], ['listed in a thread of its own', { listAheadFrom: 0 }]] as const) describe(`post cache: a directory's snapshot, its files ${how}`, () => {
  beforeEach(() => {
    readers = listing;
  });

  it('serves a warm start from the snapshot, not row by row, and gives what reading the files gives', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    assert.equal(snapshotOf(cacheFile).size, 5, 'every file is in the snapshot');
    const db = new DatabaseSync(cacheFile);
    db.exec("UPDATE files SET data = 'not read'");
    db.close();
    const warm = await start(dir, cacheFile);
    assert.equal(warm.read, 0);
    assert.deepEqual(outcome(warm), outcome(await start(dir, null)));
  });

  it('is written by a first start, from the posts it read, exactly as it is made again from the cached rows', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const parts = (): unknown[] => {
      const db = new DatabaseSync(cacheFile, { readOnly: true });
      try {
        return db.prepare('SELECT dir, part, names, stamps, light, data, offsets FROM snapshots ORDER BY dir, part').all();
      } finally {
        db.close();
      }
    };
    const first = parts();
    assert.equal(first.length, 1);
    const db = new DatabaseSync(cacheFile);
    db.exec('DELETE FROM snapshots');
    db.close();
    assert.equal((await start(dir, cacheFile)).read, 0, 'the rows serve');
    assert.deepEqual(parts(), first);
  });

  it('reads again a file edited in place, though the directory\'s time did not change, and puts the new version in the snapshot', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const dirTime = statSync(dir).mtimeMs;
    const file = join(dir, DIGEST);
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('week 11', 'week 12'));
    assert.equal(statSync(dir).mtimeMs, dirTime, 'an edit in place leaves the directory as it was');
    assert.equal(readFileSync(file).length, Buffer.byteLength(before), 'and the file its size');
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 1);
    assert.ok(after.posts.some((p) => p.title === 'Weekly digest, week 12'));
    assert.ok(!after.posts.some((p) => p.title === 'Weekly digest, week 11'));
    const s = statSync(file);
    assert.equal(snapshotOf(cacheFile).get(file), `${s.size}:${s.mtimeMs}:${s.ctimeMs}`);
    const next = await start(dir, cacheFile);
    assert.equal(next.read, 0);
    assert.ok(next.posts.some((p) => p.title === 'Weekly digest, week 12'));
  });

  it('reads again a file touched to the very time the snapshot holds, as its change time differs', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const file = join(dir, DIGEST);
    writeFileSync(file, readFileSync(file, 'utf8').replace('week 11', 'week 14'));
    utimesSync(file, CHECKED_OUT, CHECKED_OUT);
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 1);
    assert.ok(after.posts.some((p) => p.title === 'Weekly digest, week 14'));
  });

  it('forgets a removed file and takes in an added one, in the rows and in the snapshot', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const added = join(dir, '2015-06-01-heron-released.html.md');
    writeFileSync(added, '---\ntitle: Heron released\nauthor: rbowen\ndate: 2015-06-01 08:00:00 UTC\n---\n\nIt is out.\n');
    rmSync(join(dir, DIGEST));
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 1);
    assert.ok(!after.posts.some((p) => p.source.endsWith(DIGEST)));
    assert.ok(after.posts.some((p) => p.title === 'Heron released'));
    const held = snapshotOf(cacheFile);
    assert.ok(!held.has(join(dir, DIGEST)) && held.has(added));
    const rows = new DatabaseSync(cacheFile, { readOnly: true }).prepare('SELECT path FROM files').all() as { path: string }[];
    assert.ok(!rows.some((r) => r.path.endsWith(DIGEST)));
    assert.equal((await start(dir, cacheFile)).read, 0);
  });

  it('takes the row of a file a running bot re-read after the snapshot was made, without reading the file, and renews the snapshot', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const file = join(dir, DIGEST);
    writeFileSync(file, readFileSync(file, 'utf8').replace('week 11', 'week 15'));
    // A running bot's watcher reads the changed file and caches its row; the snapshot stays as it was.
    const cache = PostCache.open(cacheFile, fingerprints(), { settleMs: 0 })!;
    const update = await new DirectorySource(dir, options(), cache).refreshFile(DIGEST);
    cache.close();
    assert.equal(update?.upserted[0].title, 'Weekly digest, week 15');
    const s = statSync(file);
    assert.notEqual(snapshotOf(cacheFile).get(file), `${s.size}:${s.mtimeMs}:${s.ctimeMs}`, 'the snapshot is behind');
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 0, 'the row serves');
    assert.ok(after.posts.some((p) => p.title === 'Weekly digest, week 15'));
    assert.equal(snapshotOf(cacheFile).get(file), `${s.size}:${s.mtimeMs}:${s.ctimeMs}`, 'and the snapshot is renewed');
  });

  it('writes nothing on a start that found everything as cached', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const written = countSnapshotWrites(cacheFile);
    await start(dir, cacheFile);
    await start(dir, cacheFile);
    assert.equal(written(), 0);
    utimesSync(join(dir, DIGEST), new Date(), new Date());
    await start(dir, cacheFile);
    assert.equal(written(), 1, 'a changed file renews it once');
  });

  it('serves another classifier as it is: no file is read and nothing rewritten, the kinds are worked out by the new rules', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const written = countSnapshotWrites(cacheFile);
    const rules: ClassifyConfig = { ...DEFAULT_CLASSIFY, rules: DEFAULT_CLASSIFY.rules.filter((r) => r.kind !== 'testday') };
    const after = await start(dir, cacheFile, rules);
    assert.equal(after.read, 0, 'no file read');
    assert.deepEqual(outcome(after), outcome(await start(dir, null, rules)));
    const again = await start(dir, cacheFile, rules);
    assert.equal(again.read, 0);
    assert.deepEqual(outcome(again), outcome(after));
    assert.ok(!again.posts.some((p) => p.kinds.includes('testday')));
    assert.ok((await start(dir, cacheFile)).posts.some((p) => p.kinds.includes('testday')), 'and back under the old rules');
    assert.equal(written(), 0, 'the snapshot holds no kinds: the same one serves both rules');
  });

  it('keeps its entries in path order, and finds files all the same where SQLite\'s order and JavaScript\'s differ (past U+FFFF)', async () => {
    const { dir, cacheFile } = archive();
    const post = (title: string) => `---\ntitle: ${title}\nauthor: rbowen\ndate: 2015-06-01 08:00:00 UTC\n---\n\nIt is out.\n`;
    // UTF-16 puts the emoji (a surrogate pair) before U+FF21; UTF-8, as SQLite sorts, after it.
    writeFileSync(join(dir, '2015-06-01-a-\u{1F680}-launch.html.md'), post('Rocket'));
    writeFileSync(join(dir, '2015-06-01-a-\uFF21-wide.html.md'), post('Wide'));
    for (const name of readdirSync(dir)) utimesSync(join(dir, name), CHECKED_OUT, CHECKED_OUT);
    const expected = outcome(await start(dir, null));
    await start(dir, cacheFile);
    utimesSync(join(dir, DIGEST), new Date(), new Date());
    await start(dir, cacheFile); // the snapshot made again
    const paths = [...snapshotOf(cacheFile).keys()];
    assert.deepEqual(paths.filter((p) => /^[\x20-\x7e]*$/.test(p)), paths.filter((p) => /^[\x20-\x7e]*$/.test(p)).sort());
    const warm = await start(dir, cacheFile);
    assert.equal(warm.read, 0);
    assert.deepEqual(outcome(warm), expected);
    assert.ok(warm.posts.some((p) => p.title === 'Rocket') && warm.posts.some((p) => p.title === 'Wide'));
  });

  it('moves aside a cache whose snapshot does not read back, in one warning, and gives what the files say', async () => {
    const { dir, cacheFile } = archive();
    const expected = outcome(await start(dir, cacheFile));
    const db = new DatabaseSync(cacheFile);
    db.exec(`UPDATE snapshots SET stamps = '["1:2:3"]'`);
    db.close();
    const after = await start(dir, cacheFile);
    assert.deepEqual(outcome(after), expected);
    assert.equal(readdirSync(join(cacheFile, '..')).filter((f) => /^posts\.sqlite\.corrupt-[^-]/.test(f)).length, 1);
    assert.equal((await start(dir, cacheFile)).read, 0, 'the rebuilt cache serves the next start');
  });
});

describe('post cache: the posts a snapshot gives', () => {
  it('are made light and parsed on first use, each field then as reading the file gives it, and the archive finds them as it finds parsed posts', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const cold = await start(dir, null);
    const warm = await start(dir, cacheFile);
    assert.equal(warm.read, 0);
    assert.ok(warm.posts.length > 0 && warm.posts.every((p) => p instanceof SnapshotPost));
    const everything = (p: Post) => ({ ...plain(p), slug: p.slug, author: p.author, url: p.url, media: p.media, zone: p.zone, dateZone: p.date.zoneName, identity: postIdentity(p) });
    assert.deepEqual(warm.posts.map(everything), cold.posts.map(everything));
    const order = (posts: Post[]) => new Archive(posts).all().map((p) => p.source);
    assert.deepEqual(order(warm.posts), order(cold.posts));
  });

  it('gives a post\'s new instant, identity and place in the archive after its date is edited in place, and from the snapshot made then', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const file = join(dir, DIGEST);
    const before = readFileSync(file, 'utf8');
    const edited = before.replace(/^date: 2015-03-13/m, 'date: 2015-06-13');
    assert.notEqual(edited, before);
    writeFileSync(file, edited);
    const newest = (r: LoadResult) => new Archive(r.posts).all()[0];
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 1);
    assert.equal(newest(after).source, file, 'now the newest post');
    const next = await start(dir, cacheFile);
    assert.equal(next.read, 0);
    const post = newest(next);
    assert.ok(post instanceof SnapshotPost);
    assert.equal(post.source, file);
    assert.equal(post.date.toISODate(), '2015-06-13');
    assert.equal(postIdentity(post), postIdentity(newest(await start(dir, null))));
  });

  it('are indexed for search without being parsed and kept, and found as parsed posts are', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const warm = (await start(dir, cacheFile)).posts;
    const cold = (await start(dir, null)).posts;
    const found = (posts: Post[], query: string) => new SearchIndex(posts).search(query).hits.map((h) => [h.post.source, h.score.toFixed(6), h.why]);
    const index = new SearchIndex(warm);
    assert.ok(warm.every((p) => !Object.hasOwn(p, 'title') && !Object.hasOwn(p, 'summary')), 'no post parsed by indexing');
    index.close();
    for (const query of ['packstack', 'rdo', 'interview mitaka', 'haikel']) assert.deepEqual(found(warm, query), found(cold, query), query);
  });

  it('keeps a field set on a post, and the others as the file says', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const post = (await start(dir, cacheFile)).posts.find((p) => p.source.endsWith(DIGEST))!;
    post.title = 'Renamed';
    assert.equal(post.title, 'Renamed');
    assert.equal(post.author, 'jpark');
    assert.ok(Object.keys(post).includes('title'), 'a plain property once read');
  });

  it('is not used when the code that works out identities changes: the rows serve, and a new snapshot is made', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const db = new DatabaseSync(cacheFile);
    db.exec("UPDATE snapshots SET identity = 'another', light = 'not read'");
    db.close();
    const written = countSnapshotWrites(cacheFile);
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 0);
    assert.deepEqual(outcome(after), outcome(await start(dir, null)));
    assert.equal(written(), 1);
  });
});

describe('listing a directory in a thread of its own', () => {
  it('gives the names (sorted), the links and each file\'s stamp, as listing and looking at them here does', async () => {
    const { dir } = archive();
    symlinkSync(join(dir, DIGEST), join(dir, '2015-03-14-linked.html.md'));
    const ahead = await listAhead(dir);
    const here = await listPostFiles(dir, true);
    assert.deepEqual(ahead.names, here.names);
    assert.deepEqual([...ahead.links], [...here.links]);
    assert.deepEqual([...here.links], ['2015-03-14-linked.html.md']);
    ahead.names.forEach((name, i) => {
      const s = statSync(join(dir, name));
      assert.deepEqual([...ahead.stamps!.subarray(i * 3, i * 3 + 3)], [s.size, s.mtimeMs, s.ctimeMs]);
    });
  });

  it('gives no stamp for an entry that is not a regular file, which is then read (and its error said) as if not listed', async () => {
    const { dir } = archive();
    mkdirSync(join(dir, '2015-03-15-a-directory.html.md'));
    const ahead = await listAhead(dir);
    const i = ahead.names.indexOf('2015-03-15-a-directory.html.md');
    assert.ok([...ahead.stamps!.subarray(i * 3, i * 3 + 3)].every(Number.isNaN));
    const here = await loadPostDirectory(dir, options(), null, { listHere: true });
    for (const readers of [{ listAheadFrom: 0 }, { listAheadFrom: 0, workerOnly: true, chunk: 2 }]) {
      listEarly(dir);
      const listed = await loadPostDirectory(dir, options(), null, readers);
      assert.deepEqual(outcome(listed), outcome(here));
      assert.ok(listed.warnings.some((w) => w.reason === 'cannot read file: EISDIR'));
    }
  });

  it('takes a file\'s stamp as listed for the one looked at before reading it, in this thread and in the reading thread', async () => {
    for (const reading of [{}, { workerOnly: true, chunk: 2 }]) {
      const { dir, cacheFile } = archive();
      await listEarly(dir);
      // Touched after the listing, before the read: cached under the listed stamp, the next start reads it again.
      utimesSync(join(dir, DIGEST), new Date('2016-02-01T00:00:00Z'), new Date('2016-02-01T00:00:00Z'));
      const cache = PostCache.open(cacheFile, fingerprints(), { settleMs: 0 })!;
      assert.equal((await loadPostDirectory(dir, options(), cache, reading)).read, 5);
      cache.close();
      assert.equal((await start(dir, cacheFile)).read, 1);
      assert.equal((await start(dir, cacheFile)).read, 0);
    }
    const file = join(archive().dir, DIGEST);
    const listed = { size: 1, mtimeMs: 2, ctimeMs: 3 };
    assert.deepEqual(readPostTextSync(file, true, undefined, listed).stamp, listed);
    assert.deepEqual(readPostTextSync(file, true, undefined, { size: Number.NaN, mtimeMs: Number.NaN, ctimeMs: Number.NaN }).stamp, stampOf(statSync(file)));
  });

  it('rejects for a directory that cannot be read, so that the loader lists it itself and says why', async () => {
    await assert.rejects(listAhead(join(tmpdir(), 'rdobot-no-such-directory')), /ENOENT/);
    const result = await loadPostDirectory(join(tmpdir(), 'rdobot-no-such-directory'), options(), null, { listAheadFrom: 0 });
    assert.match(result.warnings[0].reason, /cannot read directory: ENOENT/);
  });

  it('is taken by the first load of the directory when started early, and reads a file changed since as changed', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    readers = { listHere: true };
    const file = join(dir, DIGEST);
    writeFileSync(file, readFileSync(file, 'utf8').replace('week 11', 'week 16'));
    listEarly(dir);
    const after = await start(dir, cacheFile);
    assert.equal(after.read, 1, 'the early listing saw the edit');
    assert.ok(after.posts.some((p) => p.title === 'Weekly digest, week 16'));
  });
});
