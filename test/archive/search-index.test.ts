import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { SearchIndex } from '../../src/archive/search.js';
import type { Post, PostKind } from '../../src/archive/post.js';

/** An invented post written on `day` (2016), of the kinds given. */
function post(slug: string, title: string, body: string, day: string, kinds: PostKind[] = [], tags: string[] = []): Post {
  const date = DateTime.fromISO(`2016-${day}T12:00:00Z`, { zone: 'utc' });
  return { source: `/posts/${slug}.md`, slug, title, author: 'someone', date, millis: date.toMillis(), tags, url: `https://example.org/${slug}`, summary: '', body, media: [], kinds };
}

const posts = [
  post('keystone-talk', 'Ana Example on Keystone federation', 'We talked about identity.', '05-01', ['interview']),
  post('keystone-notes', 'Meeting notes', 'Keystone and federation were discussed at length.', '04-01'),
  post('later-keystone', 'Keystone again', 'Keystone tokens.', '09-01'),
  post('packaging', 'Packaging tips', 'Spec files and packages.', '03-01', [], ['packaging']),
];

describe('post search index (FTS5)', () => {
  const index = new SearchIndex(posts);
  const titles = (r: { hits: { post: Post }[] }) => r.hits.map((h) => h.post.title);

  it('finds every post holding all the words, those with the words in the title first, and says where', () => {
    const r = index.search('keystone federation');
    assert.equal(r.total, 2);
    assert.equal(r.hits[0].post.slug, 'keystone-talk');
    assert.match(r.hits[0].why, /^title: keystone, federation/);
  });

  it('leaves out posts written after the instant searched at, and posts of other kinds', () => {
    const until = DateTime.fromISO('2016-06-01T00:00:00Z').toMillis();
    assert.deepEqual(titles(index.search('keystone', { until })).sort(), ['Ana Example on Keystone federation', 'Meeting notes']);
    assert.deepEqual(titles(index.search('keystone', { kind: 'interview' })), ['Ana Example on Keystone federation']);
  });

  it('counts every hit but explains only the first ones', () => {
    const r = index.search('keystone', {}, 1);
    assert.equal(r.total, 3);
    assert.equal(r.hits.length, 1);
  });

  it('reads a hit\'s text to explain it only when its explanation is read', () => {
    let reads = 0;
    const counted = posts.map((p) => Object.defineProperty({ ...p }, 'body', { get: () => (reads++, p.body), enumerable: true }));
    const own = new SearchIndex(counted);
    reads = 0;
    const r = own.search('keystone');
    assert.equal(r.hits.length, 3);
    assert.equal(reads, 0, 'nothing explained yet');
    assert.match(r.hits[1].why, /keystone/);
    assert.equal(reads, 1, 'one hit explained');
    assert.equal(r.hits[1].why, r.hits[1].why);
    assert.equal(reads, 1, 'and only once');
    own.close();
  });

  it('matches the start of a word, and a small typo only when nothing matches as written', () => {
    assert.deepEqual(titles(index.search('packag')), ['Packaging tips']);
    assert.deepEqual(titles(index.search('keystnoe')).length, 3);
    assert.equal(index.search('xyzzyplugh').total, 0);
  });

  it('reads query syntax as words: quotes, stars, column names and operators find nothing odd and never throw', () => {
    for (const q of ['"keystone', 'keystone*', 'title:keystone', 'keystone NEAR(federation)', 'AND OR NOT', '{kinds}: interview', '^keystone', '(', '-', '']) {
      assert.doesNotThrow(() => index.search(q));
    }
    assert.equal(index.search('title:keystone').total, 0, '"title" is a word here, and no post holds it');
    assert.equal(index.search('interview').total, 0, 'kinds are never matched by words');
  });

  it('forgets a removed post and finds an added one', () => {
    const own = new SearchIndex(posts);
    own.remove(posts[2]);
    assert.equal(own.search('tokens').total, 0);
    own.add(post('tokens', 'Fernet tokens', 'Tokens rotate.', '10-01'));
    assert.deepEqual(titles(own.search('tokens')), ['Fernet tokens']);
  });
});
