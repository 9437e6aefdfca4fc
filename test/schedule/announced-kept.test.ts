import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { DateTime } from 'luxon';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { Classifier, DEFAULT_CLASSIFY } from '../../src/archive/classify/classify.js';
import { loadPostDirectory } from '../../src/archive/loader.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import { classifierFingerprint, moduleClosure, parserFingerprint, PostCache } from '../../src/archive/post-cache.js';
import { readerFingerprint, keptEvents, keptText, type ReadAnnounced } from '../../src/schedule/announced/kept.js';
import { announcedEvents } from '../../src/schedule/announced/post-events.js';
import { loadTestDays } from '../../src/schedule/events-load.js';
import type { TestDay } from '../../src/schedule/types.js';

const POSTS = fileURLToPath(new URL('../../../test/fixtures/announced/posts/', import.meta.url));
const CHECKED_OUT = new Date('2016-01-01T00:00:00Z');

function archive(): { dir: string; cacheFile: string } {
  const root = mkdtempSync(join(tmpdir(), 'rdobot-announced-kept-'));
  const dir = join(root, 'posts');
  cpSync(POSTS, dir, { recursive: true });
  for (const name of readdirSync(dir)) utimesSync(join(dir, name), CHECKED_OUT, CHECKED_OUT);
  return { dir, cacheFile: join(root, 'cache', 'posts.sqlite') };
}

/** The reader, counting the posts it reads (and which). */
function watchedReader(): { read: ReadAnnounced; titles: string[] } {
  const titles: string[] = [];
  return { titles, read: (post) => (titles.push(post.title), announcedEvents(post)) };
}

/** One start as the bot makes it: posts from the directory (and the cache), then the test days they announce. */
async function start(dir: string, cacheFile: string | null, options: { fingerprint?: string } = {}) {
  const fingerprints = { parser: parserFingerprint({ permalink: DEFAULT_PERMALINK }), classifier: classifierFingerprint(DEFAULT_CLASSIFY) };
  const cache = cacheFile ? PostCache.open(cacheFile, fingerprints, { settleMs: 0 }) : null;
  try {
    const { posts } = await loadPostDirectory(dir, { permalink: DEFAULT_PERMALINK, classifier: new Classifier(DEFAULT_CLASSIFY) }, cache);
    const reader = watchedReader();
    const { testDays } = await loadTestDays([], posts, {}, undefined, undefined, undefined, { cache, read: reader.read, fingerprint: options.fingerprint });
    return { posts, testDays, read: reader.titles };
  } finally {
    cache?.close();
  }
}

/** A schedule entry as plain data, its times with their zones. */
const plain = (t: TestDay) => ({ ...t, start: `${t.start.toISO()} ${t.start.zoneName}`, end: `${t.end.toISO()} ${t.end.zoneName}` });

describe('announced dates kept in the post cache', () => {
  it("takes every post's announced dates from the cache on the second start: no post is read again, and the schedule is the same", async () => {
    const { dir, cacheFile } = archive();
    const first = await start(dir, cacheFile);
    assert.ok(first.read.length >= first.posts.length, 'the first start reads every post');
    assert.ok(first.testDays.length > 3);
    const second = await start(dir, cacheFile);
    assert.deepEqual(second.read, [], 'no post read on the second start');
    assert.deepEqual(second.testDays.map(plain), first.testDays.map(plain));
    assert.deepEqual(second.testDays.map(plain), (await start(dir, null)).testDays.map(plain), 'and it is what reading the posts gives');
  });

  it('reads again the one post that changed, and takes its new dates', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const file = readdirSync(dir).find((f) => f.includes('month-end-hack-day'))!;
    appendFileSync(join(dir, file), '\n\nThe RDO doc day is on Thursday, April 15th 2027.\n');
    const after = await start(dir, cacheFile);
    assert.equal(after.read.length, 1);
    assert.match(after.read[0], /hack day/i);
    assert.ok(after.testDays.some((t) => t.kind === 'docday' && t.start.toISODate() === '2027-04-15'), 'the date the post now announces is there');
    assert.deepEqual((await start(dir, cacheFile)).read, [], 'its new reading is kept');
  });

  it("reads every post again when the reader's fingerprint changes (its code or rules were edited)", async () => {
    const { dir, cacheFile } = archive();
    const first = await start(dir, cacheFile);
    const other = await start(dir, cacheFile, { fingerprint: 'another-reader' });
    assert.equal(other.read.length, first.read.length);
    assert.deepEqual(other.testDays.map(plain), first.testDays.map(plain));
    assert.deepEqual((await start(dir, cacheFile, { fingerprint: 'another-reader' })).read, []);
  });

  it("fingerprints the reader by its code: the date rules, the cues and the sentence splitter are part of it", () => {
    const names = moduleClosure(new URL('../../src/schedule/announced/post-events.js', import.meta.url)).map((u) => u.pathname.split('/dist/')[1]);
    for (const m of ['src/schedule/announced/post-events.js', 'src/schedule/announced/read-dates.js', 'src/schedule/announced/cues.js', 'src/archive/summary.js']) {
      assert.ok(names.includes(m), `${m} is part of the reader's fingerprint`);
    }
    assert.match(readerFingerprint(), /^[0-9a-f]{24}$/);
  });

  it('forgets the kept dates of a post whose file is gone', async () => {
    const { dir, cacheFile } = archive();
    await start(dir, cacheFile);
    const db = new DatabaseSync(cacheFile, { readOnly: true });
    const rows = () => (db.prepare('SELECT COUNT(DISTINCT path) AS n FROM derived').get() as { n: number }).n;
    const before = rows();
    rmSync(join(dir, readdirSync(dir)[0]));
    await start(dir, cacheFile);
    assert.equal(rows(), before - 1);
    db.close();
  });

  it('reads a post again when its kept reading does not read back (a damaged row), never trusting it', () => {
    assert.equal(keptEvents('not json'), undefined);
    assert.equal(keptEvents('[{"start":1}]'), undefined);
    assert.deepEqual(keptEvents('[]'), []);
    const [event] = announcedEvents({ title: 'Meetup', body: 'The RDO meetup is on October 12th, from 5 to 8pm.', date: DateTime.fromISO('2027-10-01T00:00:00Z', { zone: 'utc' }), zone: 'Europe/Madrid' });
    const [back] = keptEvents(keptText([event]))!;
    assert.equal(back.start.toISO(), event.start.toISO());
    assert.equal(back.start.zoneName, event.start.zoneName);
    assert.equal(back.end.toISO(), event.end.toISO());
    assert.deepEqual({ ...back, start: 0, end: 0 }, { ...event, start: 0, end: 0 });
  });
});
