import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier } from '../../src/archive/classify/classify.js';
import { FeedSource } from '../../src/archive/sources/feed-source.js';
import { GitSource } from '../../src/archive/sources/git-source.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import type { Post } from '../../src/archive/post.js';
import { corpusBot, describeCorpus, FIXTURE_COUNTS, FIXTURE_LATEST, FIXTURE_POSTS, fixtureBot, type TestBot } from '../helpers/bot.js';
import { atom, rss, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { until } from '../helpers/wait.js';

const post = (title: string, date: string, extra = '', body = `First paragraph of ${title}.`) => `---\ntitle: ${title}\nauthor: tester\ndate: ${date}\n${extra}---\n\n${body}\n`;
/** A post that is an interview by any reading: a named person, a conversation, a recording. */
const interview = (title: string, person: string, date: string) =>
  post(title, date, '', `I spoke with ${person} about this cycle.\n\n<iframe src="https://www.youtube.com/embed/zz09EXAMPLE"></iframe>\n\n**Rich**: What did you work on?\n\n**${person.split(' ')[0]}**: Packaging, mostly.`);
const LATEST_FILE = `2016-06-02-${FIXTURE_LATEST.slug}.html.md`;
const PUBLISHED = FIXTURE_COUNTS.published;

describe('live archive: a watched directory', () => {
  let dir: string;
  let t: TestBot;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rdobot-live-'));
    cpSync(FIXTURE_POSTS, dir, { recursive: true });
    t = await fixtureBot({ archiveDirs: [dir] });
    t.bot.follow();
  });

  afterEach(async () => {
    await t.bot.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes an added file within 2 s without rereading the others', async () => {
    const before = new Map(t.bot.archive.all().map((p) => [p.source, p]));
    t.bot.archive.buildIndex();
    writeFileSync(join(dir, '2017-01-10-new-ocata-interview.html.md'), interview('What did you do in Ocata? Test Person', 'Test Person', '2017-01-10 10:00:00 UTC'));
    const ms = await until(() => t.bot.archive.size === PUBLISHED + 1, 2000, 'the new post');
    assert.ok(ms < 2000);
    assert.equal((await t.ask('!interview latest'))!.items![0].title, 'What did you do in Ocata? Test Person');
    assert.equal((await t.ask('!post search ocata'))!.items![0].title, 'What did you do in Ocata? Test Person');
    // Every other post is the very same object: nothing else was read again.
    for (const p of t.bot.archive.all()) if (before.has(p.source)) assert.equal(p, before.get(p.source));
  });

  it('re-indexes a modified file and forgets a deleted one', async () => {
    const file = join(dir, LATEST_FILE);
    writeFileSync(file, interview('Priya Raman on CI federation', 'Priya Raman', '2016-06-02 20:08:42 UTC'));
    await until(() => t.bot.archive.latest('interview')?.title === 'Priya Raman on CI federation', 2000, 'the modified title');
    assert.equal((await t.ask('!post search federation'))!.items![0].title, 'Priya Raman on CI federation');
    unlinkSync(file);
    await until(() => t.bot.archive.size === PUBLISHED - 1, 2000, 'the deletion');
    assert.equal(t.bot.archive.latest('interview')!.title, 'What did you do in Kestrel? Ana Lima and Joe Bloggs');
    const after = (await t.ask('!post search federation'))!.items ?? [];
    assert.ok(!after.some((i) => i.title === 'Priya Raman on CI federation'));
  });

  it('keeps the last good version of a file that breaks, and reports it by file and line', async () => {
    const file = join(dir, LATEST_FILE);
    writeFileSync(file, '---\ntitle: [broken\ndate: 2016-06-02\n---\n');
    await until(() => t.bot.warnings.some((w) => w.file === file), 2000, 'the warning');
    assert.equal(t.bot.archive.latest('interview')!.title, FIXTURE_LATEST.title);
    assert.match(t.bot.warnings.find((w) => w.file === file)!.reason, /bad front matter/);
  });
});

describe('live archive: feeds', () => {
  let server: FeedServer;
  const classifier = new Classifier();

  beforeEach(async () => {
    server = await startFeedServer();
  });
  afterEach(() => server.close());

  const feed = (path: string) => new FeedSource({ url: server.url(path), intervalMs: 50, timeoutMs: 2000, maxBackoffMs: 1000, userAgent: 'rdobot-test' }, classifier);

  it('maps RSS items to posts, with categories, author and a podcast enclosure', async () => {
    server.serve('/rss', rss([{ title: 'Podcast: Jane Doe on Kolla', link: 'https://blogs.example.org/2026/11/jane-doe-kolla/', date: 'Tue, 24 Nov 2026 10:00:00 GMT', category: ['podcast', 'Kolla'], enclosure: 'https://media.example.org/jane.mp3' }]));
    const update = await feed('/rss').load();
    const [p] = update.upserted as Post[];
    assert.equal(p.title, 'Podcast: Jane Doe on Kolla');
    assert.equal(p.date.toISO(), '2026-11-24T10:00:00.000Z');
    assert.deepEqual(p.tags, ['podcast', 'kolla']);
    assert.equal(p.author, 'feedauthor');
    assert.equal(p.slug, 'jane-doe-kolla');
    assert.deepEqual(p.media, [{ kind: 'audio', url: 'https://media.example.org/jane.mp3' }]);
    assert.deepEqual(p.kinds, ['interview']);
    assert.equal(p.summary, 'Item text.');
  });

  it('reads Atom feeds too', async () => {
    server.serve('/atom', atom([{ title: 'Atom entry', link: 'https://blogs.example.org/atom-entry/', updated: '2026-11-20T08:00:00Z', summary: '&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;' }]), 'application/atom+xml');
    const [p] = (await feed('/atom').load()).upserted;
    assert.equal(p.title, 'Atom entry');
    assert.equal(p.author, 'atomauthor');
    assert.equal(p.summary, 'Hello & welcome');
  });

  it('sends the ETag back, takes a 304 as "nothing new", and picks a new item up once', async () => {
    const item = { title: 'First', link: 'https://b.example.org/first/', date: 'Mon, 23 Nov 2026 10:00:00 GMT' };
    server.serve('/rss', rss([item]));
    const source = feed('/rss');
    assert.equal((await source.load()).upserted.length, 1);
    assert.equal((await source.poll()).upserted.length, 0);
    assert.equal(server.requests.at(-1)!.status, 304);
    assert.equal(server.requests.at(-1)!.ifNoneMatch, '"v1"');
    assert.equal(server.requests.at(-1)!.ifModifiedSince, 'Thu, 01 Jan 2026 00:01:00 GMT');
    server.serve('/rss', rss([{ title: 'Second', link: 'https://b.example.org/second/', date: 'Tue, 24 Nov 2026 10:00:00 GMT' }, item]));
    const next = await source.poll();
    assert.deepEqual(next.upserted.map((p) => p.title), ['Second']);
    assert.equal((await source.poll()).upserted.length, 0);
    assert.equal(source.stats.notModified, 2);
  });

  it('reports a malformed feed and keeps the items it had', async () => {
    server.serve('/rss', rss([{ title: 'Kept', link: 'https://b.example.org/kept/', date: 'Mon, 23 Nov 2026 10:00:00 GMT' }]));
    const t = await fixtureBot({ archiveDirs: [], feeds: [{ url: server.url('/rss'), intervalMs: 50 }] });
    assert.equal(t.bot.archive.size, 1);
    server.serve('/rss', '<rss><channel><item><title>broken</item></channel>');
    t.bot.follow();
    try {
      await until(() => t.bot.warnings.length > 0, 2000, 'the malformed-feed warning');
      assert.match(t.bot.warnings[0].reason, /^malformed feed: line 1:/);
      assert.equal(t.bot.warnings[0].file, server.url('/rss'));
      assert.equal(t.bot.archive.all()[0].title, 'Kept');
    } finally {
      await t.bot.stop();
    }
  });

  it('gives up on a feed that does not answer within its timeout, with a warning', async () => {
    const source = new FeedSource({ url: server.url('/hang'), intervalMs: 50, timeoutMs: 200, maxBackoffMs: 1000, userAgent: 'rdobot-test' }, classifier);
    const update = await source.poll();
    assert.deepEqual(update.warnings, [{ file: server.url('/hang'), reason: 'no answer within 200 ms' }]);
  });

  it('backs off after errors', async () => {
    const source = feed('/missing');
    const polls: number[] = [];
    source.start(() => polls.push(Date.now()));
    await until(() => polls.length >= 3, 3000, 'three failed polls');
    await source.stop();
    assert.ok(polls[2] - polls[1] > polls[1] - polls[0], 'each pause is longer than the one before');
  });

  it('keeps one post when the directory and a feed carry the same one', async () => {
    server.serve('/rss', rss([{ title: FIXTURE_LATEST.title, link: `http://rdoproject.org/blog/2016/06/${FIXTURE_LATEST.slug}`, date: 'Thu, 02 Jun 2016 20:08:42 GMT' }]));
    const t = await fixtureBot({ feeds: [{ url: server.url('/rss') }] });
    assert.equal(t.bot.archive.size, PUBLISHED);
    assert.equal(t.bot.archive.latest('interview')!.source.endsWith('.html.md'), true, 'the file is shown, not the feed copy');
  });
});

describe('live archive: a git checkout', () => {
  it('pulls and reads only the posts the pull brought', async function () {
    this.timeout(20_000);
    const root = mkdtempSync(join(tmpdir(), 'rdobot-git-'));
    const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'pipe' });
    const upstream = join(root, 'upstream');
    cpSync(FIXTURE_POSTS, join(upstream, 'source/blog'), { recursive: true });
    git(root, 'init', '-q', upstream);
    git(upstream, 'add', '.');
    git(upstream, 'commit', '-qm', 'posts');
    git(root, 'clone', '-q', upstream, 'checkout');
    const source = new GitSource({ repo: join(root, 'checkout'), path: 'source/blog', pullEveryMs: 0 }, { permalink: DEFAULT_PERMALINK, classifier: new Classifier() });
    assert.equal((await source.load()).upserted.length, PUBLISHED);
    writeFileSync(join(upstream, 'source/blog/2017-02-01-ocata-released.html.md'), post('Ocata released', '2017-02-01 12:00:00 UTC'));
    git(upstream, 'add', '.');
    git(upstream, 'commit', '-qm', 'new post');
    const updates: string[] = [];
    source.start((u) => updates.push(...u.upserted.map((p) => p.title)));
    assert.equal(await source.pull(), null);
    // The directory watcher sees the pull's write too: still one update for one new post.
    await new Promise((r) => setTimeout(r, 300));
    await source.stop();
    assert.deepEqual(updates, ['Ocata released']);
    rmSync(root, { recursive: true, force: true });
  });
});

describe('search', () => {
  let t: TestBot;
  before(async () => {
    t = await fixtureBot();
  });
  const top = async (words: string, n: number) => (await t.ask(`!post search ${words}`))!.items!.slice(0, n).map((i) => i.title);

  it('finds "zoe nunez" and "wisniewski" without accents', async () => {
    assert.equal((await top('zoe nunez', 1))[0], 'Zoë Ñúñez talks about packaging with RPM');
    assert.equal((await top('wisniewski', 1))[0], 'Podcast: Tomasz Wiśniewski on Ceph and RDO');
  });

  it('finds "tempest": the two Tempest posts first, and says why', async () => {
    assert.deepEqual((await top('tempest', 2)).sort(), ['How to run Tempest against your cloud', 'Tempest tips for packagers']);
    assert.match((await t.ask('!post search tempest'))!.items![0].match!, /^title: tempest/);
  });

  it('matches prefixes and small typos, in any case', async () => {
    assert.equal((await top('PACKAG', 1))[0], (await top('packaging', 1))[0]);
    assert.ok((await top('tmpest', 3)).some((title) => /tempest/i.test(title)));
  });
});

describeCorpus('search over the RDO blog', () => {
  let t: TestBot;
  before(async () => {
    t = await corpusBot();
  });
  const top = async (words: string, n: number) => (await t.ask(`!post search ${words}`))!.items!.slice(0, n).map((i) => i.title);

  it('finds "haikel guemar" without accents: both of his interviews first', async () => {
    assert.deepEqual((await top('haikel guemar', 2)).sort(), ['Haikel Guemar talks about RPM packaging', 'What did you do in MItaka? Haïkel Guémar']);
  });

  it('finds "software factory": the posts tagged software-factory first', async () => {
    assert.deepEqual((await top('software factory', 2)).sort(), ['What did you do in MItaka? Haïkel Guémar', 'What did you do in Mitaka: Emilien Macchi']);
  });

  it('finds "tempest": the two Tempest how-tos first, and says why', async () => {
    assert.deepEqual((await top('tempest', 2)).sort(), ['How to Install and Run Tempest', 'Running Tempest on RDO OpenStack Newton']);
    assert.match((await t.ask('!post search tempest'))!.items![0].match!, /^title: tempest/);
  });

  it('matches prefixes and small typos, in any case', async () => {
    assert.equal((await top('KEYST', 1))[0], (await top('keystone', 1))[0]);
    assert.ok((await top('tmpest', 3)).some((title) => /tempest/i.test(title)));
  });
});
