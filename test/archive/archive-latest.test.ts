import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { Archive } from '../../src/archive/archive.js';
import { archiveAt } from '../../src/archive/archive-at.js';
import type { Post, PostKind } from '../../src/archive/post.js';

const post = (n: number, day: string, kinds: PostKind[]): Post => ({
  source: `/blog/2015-${day}-post-${n}.html.md`,
  slug: `post-${n}`,
  title: `Post ${n}`,
  author: 'rbowen',
  date: DateTime.fromISO(`2015-${day}T12:00:00Z`, { zone: 'utc' }),
  tags: [],
  url: `https://www.rdoproject.org/blog/2015/${day.slice(0, 2)}/post-${n}/`,
  summary: '',
  body: '',
  media: [],
  kinds,
});

describe('the latest post of a kind', () => {
  const posts = [post(1, '03-01', ['interview']), post(2, '04-01', ['testday']), post(3, '05-01', ['interview']), post(4, '06-01', []), post(5, '02-01', ['testday'])];

  it('is the first of the kind\'s list, whether that list has been made or not, at any instant', () => {
    for (const made of [false, true]) {
      const archive = new Archive(posts);
      if (made) for (const kind of ['interview', 'testday'] as const) archive.all(kind);
      assert.equal(archive.latest('interview')?.slug, 'post-3');
      assert.equal(archive.latest('testday')?.slug, 'post-2');
      assert.equal(archive.latest()?.slug, 'post-4');
      assert.equal(archive.latest('meeting'), undefined);
      for (const at of ['2015-01-01', '2015-02-15', '2015-03-15', '2015-04-15', '2015-07-01']) {
        const then = archiveAt(archive, DateTime.fromISO(`${at}T00:00:00Z`, { zone: 'utc' }));
        for (const kind of [undefined, 'interview', 'testday'] as const) assert.equal(then.latest(kind), then.all(kind)[0], `${kind} at ${at}`);
      }
    }
  });

  it('follows a post added or removed after the kind\'s list was made', () => {
    const archive = new Archive(posts);
    archive.all('interview');
    archive.upsert(post(6, '07-01', ['interview']));
    assert.equal(archive.latest('interview')?.slug, 'post-6');
    archive.remove('/blog/2015-07-01-post-6.html.md');
    assert.equal(archive.latest('interview')?.slug, 'post-3');
  });

  it('reads each post\'s kinds once, and only down to the newest of the kind, until the archive changes', () => {
    let walked = 0;
    const counted = posts.map((p) => {
      const copy = { ...p };
      Object.defineProperty(copy, 'kinds', { get: () => (walked++, p.kinds), enumerable: true });
      return copy;
    });
    const archive = new Archive(counted);
    assert.equal(archive.latest('interview')?.slug, 'post-3');
    assert.equal(walked, 2, 'post 4, then post 3');
    for (let i = 0; i < 5; i++) assert.equal(archive.latest('interview')?.slug, 'post-3');
    assert.equal(walked, 2, 'later looks read no post\'s kinds');
    assert.equal(archive.first('interview', (p) => p.slug !== 'post-3')?.slug, 'post-1', 'an older one is looked for further down');
    assert.deepEqual(archive.all('interview').map((p) => p.slug), ['post-3', 'post-1']);
    assert.equal(walked, 5, 'every post read once');
    archive.all('interview');
    assert.equal(walked, 5);
    archive.upsert(post(6, '07-01', ['interview']));
    assert.equal(archive.latest('interview')?.slug, 'post-6');
    assert.equal(archive.latest('interview')?.slug, 'post-6');
  });
});
