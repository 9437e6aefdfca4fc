import assert from 'node:assert/strict';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Archive } from '../../src/archive/archive.js';
import { Classifier, DEFAULT_CLASSIFY, type Classifiable, type Classification, type ClassifyConfig } from '../../src/archive/classify/classify.js';
import type { LoadResult } from '../../src/archive/loader.js';
import { parsePost } from '../../src/archive/parse-post.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import type { Post } from '../../src/archive/post.js';
import { cachedArchive, CHECKED_OUT, loadWays, startWith } from '../helpers/cached-loads.js';

/** The built-in rules, counting the posts they classify. */
class CountingClassifier extends Classifier {
  classified: string[] = [];

  constructor(config: ClassifyConfig = DEFAULT_CLASSIFY) {
    super(config);
  }

  override classify(post: Classifiable): Classification {
    this.classified.push(post.title);
    return super.classify(post);
  }
}

/** Whether the post still waits to work out its kinds (an accessor, its own or its class's, in its place). */
function waiting(post: Post): boolean {
  for (let o: object | null = post; o; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, 'kinds');
    if (d) return d.get !== undefined;
  }
  return false;
}

/** Each fixture's kinds and person as the rules give them at once (parsePost), by file. */
function eagerly(dir: string): Map<string, Classification> {
  const out = new Map<string, Classification>();
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const read = parsePost(file, name, readFileSync(file, 'utf8'), { permalink: DEFAULT_PERMALINK, classifier: new Classifier() });
    if ('post' in read) out.set(file, { kinds: read.post.kinds, person: read.post.person });
  }
  return out;
}

const classification = (post: Post): Classification => ({ kinds: post.kinds, person: post.person });

/** A newer interview than the fixtures' one, so that finding the latest needs none of the older posts. */
function addNewerInterview(dir: string): void {
  const file = join(dir, '2015-06-01-interview-with-ada-osei.html.md');
  writeFileSync(file, '---\ntitle: "Interview with Ada Osei, Kolla core"\nauthor: rbowen\ndate: 2015-06-01 09:00:00 UTC\ntags: interview, kolla\n---\n\nAda Osei talks about Kolla, and why its images build in minutes.\n\n<audio controls src="https://media.example.org/rdo/ada-osei.mp3"></audio>\n');
  utimesSync(file, CHECKED_OUT, CHECKED_OUT);
}

describe('a post classified when its kinds are first read', () => {
  let counting = new CountingClassifier();
  for (const [how, load] of loadWays(undefined, () => (counting = new CountingClassifier()))) {
    it(`classifies no post while loading, then gives the kinds and person the rules give (${how})`, async () => {
      const { dir, cacheFile } = cachedArchive();
      const { posts } = await load(dir, cacheFile);
      assert.ok(posts.length >= 3);
      assert.deepEqual(counting.classified, [], 'nothing classified while loading');
      for (const post of posts) assert.ok(waiting(post), `${post.source}: classified while loading`);
      const expected = eagerly(dir);
      for (const post of posts) {
        assert.deepEqual(classification(post), expected.get(post.source), post.source);
        assert.ok(!waiting(post), 'plain properties once read');
      }
    });
  }

  it('finds the newest interview by classifying only the posts down to it', async () => {
    const { dir, cacheFile } = cachedArchive();
    addNewerInterview(dir);
    const classifier = new CountingClassifier();
    let latest: Post | undefined;
    await startWith(dir, cacheFile, {}, ({ posts }) => (latest = new Archive(posts).latest('interview')), classifier);
    assert.equal(latest?.title, 'Interview with Ada Osei, Kolla core');
    assert.equal(latest?.person, 'Ada Osei');
    assert.deepEqual(classifier.classified, ['Interview with Ada Osei, Kolla core']);
  });

  it('keeps the kinds worked out in the cache, and the next start reads them there without classifying', async () => {
    const { dir, cacheFile } = cachedArchive();
    const first = new CountingClassifier();
    let before: Classification[] = [];
    await startWith(dir, cacheFile, {}, ({ posts }) => (before = posts.map(classification)), first);
    assert.equal(first.classified.length, before.length);
    const second = new CountingClassifier();
    let after: Classification[] = [];
    await startWith(dir, cacheFile, {}, ({ posts }) => (after = posts.map(classification)), second);
    assert.deepEqual(after, before);
    assert.deepEqual(second.classified, [], 'all kept');
  });

  it('works the kinds out again for a changed post, other rules, or a kept value that does not read back', async () => {
    const { dir, cacheFile } = cachedArchive();
    const all = (r: LoadResult) => r.posts.map(classification);
    await startWith(dir, cacheFile, {}, all);
    const digest = join(dir, '2015-03-13-weekly-digest-week-11.html.md');
    writeFileSync(digest, readFileSync(digest, 'utf8').replace('title: Weekly digest, week 11', 'title: Weekly digest, week 11 (and a test day)'));
    utimesSync(digest, CHECKED_OUT, new Date('2016-01-02T00:00:00Z'));
    const changed = new CountingClassifier();
    await startWith(dir, cacheFile, {}, all, changed);
    assert.deepEqual(changed.classified, ['Weekly digest, week 11 (and a test day)']);

    const noTestDays = new CountingClassifier({ ...DEFAULT_CLASSIFY, rules: DEFAULT_CLASSIFY.rules.filter((r) => r.kind !== 'testday') });
    let kinds: Classification[] = [];
    const other = await startWith(dir, cacheFile, {}, (r) => (kinds = all(r)), noTestDays);
    assert.equal(noTestDays.classified.length, other.posts.length, 'other rules: every post classified again');
    assert.ok(!kinds.some((k) => k.kinds.includes('testday')));

    const db = new DatabaseSync(cacheFile);
    const damaged = db.prepare("UPDATE derived SET value = '{\"kinds\":[\"nonsense\"]}' WHERE name = 'kinds'").run().changes;
    db.close();
    assert.ok(damaged > 0);
    const again = new CountingClassifier();
    await startWith(dir, cacheFile, {}, (r) => (kinds = all(r)), again);
    assert.equal(again.classified.length, kinds.length, 'a value that does not read back is worked out again');
    assert.ok(kinds.every((k) => k.kinds.every((kind) => kind !== ('nonsense' as never))));
  });

  it('keeps kinds set by hand: reading the person then does not classify them over', async () => {
    const { dir } = cachedArchive();
    const classifier = new CountingClassifier();
    const { posts } = await startWith(dir, null, {}, undefined, classifier);
    const interview = posts.find((p) => p.title.startsWith('Interview'))!;
    interview.kinds = ['meeting'];
    assert.equal(interview.person, 'Noémie Lefèvre');
    assert.deepEqual(interview.kinds, ['meeting']);
  });

  it('takes a post whose words break the rules for a post of no kind, keeps nothing for it, and answers from the others', async () => {
    const { dir, cacheFile } = cachedArchive();
    addNewerInterview(dir);
    class Breaking extends CountingClassifier {
      override classify(post: Classifiable): Classification {
        if (post.title.startsWith('Interview with Ada')) throw new RangeError('Maximum call stack size exceeded');
        return super.classify(post);
      }
    }
    let latest: Post | undefined;
    let broken: Classification | undefined;
    await startWith(dir, cacheFile, {}, ({ posts }) => {
      latest = new Archive(posts).latest('interview');
      broken = classification(posts.find((p) => p.title.startsWith('Interview with Ada'))!);
    }, new Breaking());
    assert.equal(latest?.title, 'Interview with Noémie Lefèvre — Packstack for the impatient');
    assert.deepEqual(broken, { kinds: [], person: undefined });
    const again = new CountingClassifier();
    await startWith(dir, cacheFile, {}, ({ posts }) => (latest = new Archive(posts).latest('interview')), again);
    assert.equal(latest?.title, 'Interview with Ada Osei, Kolla core', 'worked out again at the next start');
  });

  it('stores no kinds in the cached rows nor in the snapshot', async () => {
    const { dir, cacheFile } = cachedArchive();
    await startWith(dir, cacheFile, {}, ({ posts }) => posts.map(classification));
    const db = new DatabaseSync(cacheFile, { readOnly: true });
    const rows = db.prepare('SELECT data FROM files').all() as { data: string }[];
    const snapshot = db.prepare('SELECT data FROM snapshots').all() as { data: Uint8Array }[];
    const columns = (db.prepare('PRAGMA table_info(snapshots)').all() as { name: string }[]).map((c) => c.name);
    db.close();
    for (const { data } of rows) {
      const post = (JSON.parse(data) as { post?: object }).post ?? {};
      assert.ok(!('kinds' in post) && !('person' in post), data);
    }
    assert.ok(snapshot.length > 0);
    for (const part of snapshot) assert.ok(!/"kinds"|"person"/.test(new TextDecoder().decode(part.data)));
    assert.ok(!columns.includes('kinds'), columns.join(', '));
  });
});
