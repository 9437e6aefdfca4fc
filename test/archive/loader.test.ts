import assert from 'node:assert/strict';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Archive } from '../../src/archive/archive.js';
import { Classifier } from '../../src/archive/classify/classify.js';
import { DateTime } from 'luxon';
import { parsePostDate, writtenZone, ZONE_ABBREVIATIONS } from '../../src/archive/dates.js';
import { loadPostDirectory } from '../../src/archive/loader.js';
import { readEarly, readingEarly, takeEarlyReader } from '../../src/archive/listing.js';
import { parseTags } from '../../src/archive/parse-post.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import type { Post } from '../../src/archive/post.js';
import { CORPUS_POSTS, describeCorpus, FIXTURE_COUNTS, FIXTURE_POSTS } from '../helpers/bot.js';

const options = { permalink: DEFAULT_PERMALINK, classifier: new Classifier() };
const bySlug = (posts: Post[], slug: string) => posts.find((p) => p.slug === slug)!;

describeCorpus('post archive loader over the RDO blog', () => {
  let posts: Post[];
  let hidden: number;
  let warnings: { file: string; reason: string }[];

  before(async () => {
    ({ posts, hidden, warnings } = await loadPostDirectory(CORPUS_POSTS, options));
  });

  it('loads all 218 posts of the RDO blog corpus: 217 published, 1 hidden, no warnings', () => {
    assert.equal(posts.length, 217);
    assert.equal(hidden, 1);
    assert.deepEqual(warnings, []);
  });

  it('reads a date with UTC, without a zone (as UTC), and with a zone abbreviation', () => {
    assert.equal(bySlug(posts, 'what-did-you-do-in-mitaka-adam-young').date.toISO(), '2016-05-06T20:08:42.000Z');
    assert.equal(bySlug(posts, 'kyle-mestery-and-the-future-of-neutron').date.toISO(), '2015-09-02T16:30:09.000Z');
    // chandankumar's IST is India Standard Time, +05:30
    assert.equal(bySlug(posts, 'how-i-started-contributing-to-rdo-project').date.toISO(), '2016-03-02T16:50:36.000Z');
  });

  it('reads tags from a comma string, a quoted string with a trailing comma, or nothing', () => {
    assert.deepEqual(bySlug(posts, 'what-did-you-do-in-mitaka-david-moreau-simard').tags, ['mitaka', 'openstack', 'release', 'dmsimard']);
    assert.deepEqual(parseTags("openstack, rdo, blog, "), ['openstack', 'rdo', 'blog']);
    assert.deepEqual(parseTags(['Podcast', 'mitaka']), ['podcast', 'mitaka']);
    assert.deepEqual(bySlug(posts, 'what-did-you-do-in-mitaka-adam-young').tags, []);
    assert.deepEqual(parseTags(null), []);
  });

  it('unquotes quoted titles and keeps accents and punctuation', () => {
    assert.equal(bySlug(posts, 'podcast-ohad-levy-on-rdo-and-the-foreman').title, 'Podcast: Ohad Levy on RDO and the Foreman');
    assert.equal(bySlug(posts, 'what-did-you-do-in-mitaka-haikel-guemar').title, 'What did you do in MItaka? Haïkel Guémar');
  });

  it('builds the slug and the RDO site URL from the file name', () => {
    const post = bySlug(posts, 'what-did-you-do-in-mitaka-adam-young');
    assert.equal(post.url, 'https://www.rdoproject.org/blog/2016/05/what-did-you-do-in-mitaka-adam-young/');
    assert.equal(bySlug(posts, 'swift-midcycle-hackaton-summary').url.endsWith('/blog/2016/07/swift-midcycle-hackaton-summary/'), true);
  });

  it('extracts the first paragraph as plain text, without Markdown or HTML', () => {
    const post = bySlug(posts, 'what-did-you-do-in-mitaka-adam-young');
    assert.equal(post.summary, 'In this installment of our "What did you do in Mitaka" series, I speak to Adam Young about Keystone.');
    for (const p of posts) assert.doesNotMatch(p.summary, /<[a-z/][^>]*>|\]\(http/i, p.source);
  });

  it('finds audio, video and embedded players', () => {
    assert.deepEqual(bySlug(posts, 'kyle-mestery-and-the-future-of-neutron').media, [
      { kind: 'audio', url: 'http://drbacchus.com/podcasts/openstack/kyle_neutron.mp3' },
    ]);
    const adam = bySlug(posts, 'what-did-you-do-in-mitaka-adam-young').media.map((m) => m.kind);
    assert.deepEqual(adam, ['player', 'audio', 'video']); // the transcript links a YouTube talk
    assert.deepEqual(bySlug(posts, 'david-moreau-simard-at-openstack-montreal').media, [
      { kind: 'video', url: 'https://www.youtube.com/embed/XAWLm3jP7Mg' },
    ]);
  });

});

describe('post archive loader', () => {
  let posts: Post[];
  let hidden: number;
  let warnings: { file: string; line?: number; reason: string }[];

  before(async () => {
    ({ posts, hidden, warnings } = await loadPostDirectory(FIXTURE_POSTS, options));
  });

  it('loads every readable post of the fixtures, hides the draft and reports the broken file by name and line', () => {
    assert.equal(posts.length, FIXTURE_COUNTS.published);
    assert.equal(hidden, FIXTURE_COUNTS.hidden);
    assert.deepEqual(
      warnings.map((w) => `${w.file.split('/').pop()}:${w.line}`),
      ['2016-05-01-broken-front-matter.html.md:6'],
    );
    assert.match(warnings[0].reason, /^bad front matter/);
  });

  it('reads dates with UTC, without a zone (as UTC), with an offset, and with zone abbreviations', () => {
    const iso = (slug: string) => bySlug(posts, slug).date.toISO();
    assert.equal(iso('interview-with-priya-raman-keeping-ci-green'), '2016-06-02T20:08:42.000Z');
    assert.equal(iso('the-community-meeting-moves-to-1500-utc'), '2016-01-14T09:00:00.000Z');
    assert.equal(iso('hello-from-the-packaging-team'), '2013-06-12T00:00:00.000Z');
    assert.equal(iso('zoe-nunez-talks-about-packaging-with-rpm'), '2016-01-14T10:30:00.000Z');
    // IST is India Standard Time, +05:30; CEST and CET are central European
    assert.equal(iso('tempest-tips-for-packagers'), '2015-11-02T12:50:00.000Z');
    assert.equal(iso('kestrel-milestone-2-test-day-june-4th-5th'), '2015-05-19T08:00:00.000Z');
    assert.equal(iso('kestrel-planning-notes'), '2015-02-10T10:00:00.000Z');
  });

  it('reads tags from a comma string with a trailing comma, a YAML list, an empty string, or nothing', () => {
    const tags = (slug: string) => bySlug(posts, slug).tags;
    assert.deepEqual(tags('how-to-run-tempest-against-your-cloud'), ['tempest', 'testing', 'howto']);
    assert.deepEqual(tags('what-did-you-do-in-kestrel-mariana-de-la-cruz'), ['kestrel', 'release']);
    assert.deepEqual(tags('kestrel-planning-notes'), ['kestrel', 'planning']);
    assert.deepEqual(tags('what-did-you-do-in-kestrel-ana-lima-and-joe-bloggs'), []);
    assert.deepEqual(tags('tempest-tips-for-packagers'), []);
    assert.deepEqual(tags('interview-with-priya-raman-keeping-ci-green'), []);
    assert.deepEqual(tags('hello-from-the-packaging-team'), []);
  });

  it('unquotes quoted titles and keeps accents and punctuation', () => {
    assert.equal(bySlug(posts, 'podcast-tomasz-wisniewski-on-ceph-and-rdo').title, 'Podcast: Tomasz Wiśniewski on Ceph and RDO');
    assert.equal(bySlug(posts, 'zoe-nunez-talks-about-packaging-with-rpm').title, 'Zoë Ñúñez talks about packaging with RPM');
    assert.equal(bySlug(posts, 'kestrel-test-day-what-we-found').title, 'Kestrel test day: what we found');
  });

  it('builds the slug and the RDO site URL from the file name, whatever the extension', () => {
    assert.equal(bySlug(posts, 'interview-with-priya-raman-keeping-ci-green').url, 'https://www.rdoproject.org/blog/2016/06/interview-with-priya-raman-keeping-ci-green/');
    assert.equal(bySlug(posts, 'kestrel-planning-notes').url, 'https://www.rdoproject.org/blog/2015/02/kestrel-planning-notes/');
  });

  it('extracts the first paragraph as plain text, without Markdown or HTML', () => {
    assert.equal(
      bySlug(posts, 'what-did-you-do-in-kestrel-mariana-de-la-cruz').summary,
      'Continuing our series about the Kestrel release, I talked with Mariana de la Cruz about the dashboard work.',
    );
    assert.match(bySlug(posts, 'kestrel-milestone-2-test-day-june-4th-5th').summary, /^We are holding a test day for the second Kestrel milestone on June 4th and 5th\./);
    for (const p of posts) assert.doesNotMatch(p.summary, /<[a-z/][^>]*>|\]\(http/i, p.source);
  });

  it('finds audio, video and embedded players', () => {
    const kinds = (slug: string) => bySlug(posts, slug).media.map((m) => m.kind);
    assert.deepEqual(bySlug(posts, 'podcast-tomasz-wisniewski-on-ceph-and-rdo').media[0], { kind: 'audio', url: 'https://media.example.org/podcasts/tomasz_ceph.mp3' });
    assert.ok(kinds('what-did-you-do-in-kestrel-mariana-de-la-cruz').includes('player'));
    assert.deepEqual(bySlug(posts, 'zoe-nunez-talks-about-packaging-with-rpm').media, [{ kind: 'video', url: 'https://www.youtube.com/embed/zz00EXAMPLE' }]);
    assert.deepEqual(kinds('rdo-kestrel-released'), []);
  });

  it('keeps several posts of one day apart, newest first', () => {
    const archive = new Archive(posts);
    const sameDay = archive.all().filter((p) => p.date.toISODate() === '2016-04-07').map((p) => p.slug);
    assert.deepEqual(sameDay, ['what-did-you-do-in-kestrel-ana-lima-and-joe-bloggs', 'what-did-you-do-in-kestrel-mariana-de-la-cruz']);
  });

  it('skips a broken file with a warning naming file, line and reason, and loads the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-posts-'));
    writeFileSync(join(dir, '2020-01-01-good.html.md'), '---\ntitle: Good\nauthor: a\ndate: 2020-01-01 10:00:00 UTC\n---\n\nFine.\n');
    writeFileSync(join(dir, '2020-01-02-bad-yaml.html.md'), '---\ntitle: Bad\nauthor: a\ntags: [unclosed\ndate: 2020-01-02\n---\n\nBody.\n');
    writeFileSync(join(dir, '2020-01-03-no-date.html.md'), '---\ntitle: No date\nauthor: a\n---\n\nBody.\n');
    writeFileSync(join(dir, '2020-01-04-bad-date.md'), '---\ntitle: Bad date\ndate: next tuesday\n---\n\nBody.\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a post');
    const result = await loadPostDirectory(dir, options);
    assert.deepEqual(result.posts.map((p) => p.slug), ['good']);
    const reasons = result.warnings.map((w) => `${w.file.split('/').pop()}:${w.line ?? '-'}: ${w.reason}`);
    assert.equal(reasons.length, 3);
    assert.match(reasons[0], /^2020-01-02-bad-yaml\.html\.md:\d+: bad front matter/);
    assert.match(reasons[1], /^2020-01-03-no-date\.html\.md:-: no date/);
    assert.match(reasons[2], /^2020-01-04-bad-date\.md:3: unreadable date 'next tuesday'/);
  });

  it('orders posts by full timestamp, then by file name when two share the instant', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-order-'));
    const write = (name: string, date: string) => writeFileSync(join(dir, name), `---\ntitle: ${name}\nauthor: a\ndate: ${date}\n---\n\nText.\n`);
    write('2020-01-01-morning.html.md', '2020-01-01 09:00:00 UTC');
    write('2020-01-01-evening.html.md', '2020-01-01 20:00:00');
    write('2020-01-01-b-same.html.md', '2020-01-01 12:00:00 UTC');
    write('2020-01-01-a-same.html.md', '2020-01-01 13:00:00 CET');
    const { posts } = await loadPostDirectory(dir, options);
    const archive = new Archive(posts);
    assert.deepEqual(archive.all().map((p) => p.slug), ['evening', 'b-same', 'a-same', 'morning']);
  });

  it('reads a large directory in a worker thread to the very posts, warnings and outcomes it reads in its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-two-threads-'));
    cpSync(FIXTURE_POSTS, dir, { recursive: true });
    writeFileSync(join(dir, '2020-01-05-too-big.html.md'), `---\ntitle: Big\ndate: 2020-01-05\n---\n\n${'x'.repeat(5000)}\n`);
    mkdirSync(join(dir, '2020-01-06-a-directory.html.md'));
    const settings = { ...options, maxBytes: 4096 };
    const one = await loadPostDirectory(dir, settings, null, { workerFrom: Infinity });
    const two = await loadPostDirectory(dir, settings, null, { chunk: 3, workerOnly: true });
    const plain = (r: typeof one) => JSON.parse(JSON.stringify(r)) as unknown;
    assert.deepEqual(plain(two), plain(one));
    assert.deepEqual(
      two.posts.map((p) => [p.date.zone, p.date.toMillis()]),
      one.posts.map((p) => [p.date.zone, p.date.toMillis()]),
    );
    assert.deepEqual(
      two.warnings.map((w) => w.reason.replace(/:.*|,.*/, '')),
      ['bad front matter', '5038 bytes', 'cannot read file'],
    );
    assert.equal(two.warnings[2].reason, 'cannot read file: EISDIR');
  });

  it('gives a reading thread started ahead its job, and reads with it the very outcomes it reads alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-read-early-'));
    cpSync(FIXTURE_POSTS, dir, { recursive: true });
    const one = await loadPostDirectory(dir, options, null, { workerFrom: Infinity });
    readEarly(dir, 1);
    assert.ok(readingEarly());
    const two = await loadPostDirectory(dir, options, null, { chunk: 3, workerOnly: true });
    assert.ok(!readingEarly(), 'the load took it');
    const plain = (r: typeof one) => JSON.parse(JSON.stringify(r)) as unknown;
    assert.deepEqual(plain(two), plain(one));
  });

  it('lets a reading thread started ahead go when the load has too few files to read for one, and starts none then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-read-early-few-'));
    cpSync(FIXTURE_POSTS, dir, { recursive: true });
    readEarly(dir, 1);
    const { posts } = await loadPostDirectory(dir, options, null, { workerFrom: Infinity });
    assert.ok(posts.length > 0);
    assert.ok(!readingEarly());
  });

  it('ends a reading thread started ahead for a directory of fewer files than it was started for, with no job', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-read-early-small-'));
    cpSync(FIXTURE_POSTS, dir, { recursive: true });
    readEarly(dir, 10_000);
    const reader = takeEarlyReader();
    // Ended already (no job to wait for), or about to.
    if (reader) assert.equal((await once(reader, 'exit'))[0], 0);
  });

  it('reports an unreadable directory as a warning instead of failing', async () => {
    const result = await loadPostDirectory('/nonexistent/rdobot', options);
    assert.equal(result.posts.length, 0);
    assert.match(result.warnings[0].reason, /cannot read directory: ENOENT/);
  });
});

describe('post dates', () => {
  it('keeps the zone a date is written in, when not UTC, for the post\'s relative words', () => {
    assert.equal(writtenZone('2016-07-12 10:00:00 CEST'), 'UTC+2');
    assert.equal(writtenZone('2016-03-02 22:20:36 IST'), 'UTC+5:30');
    assert.equal(writtenZone('2014-02-01T10:00:00-05:00'), 'UTC-5');
    assert.equal(writtenZone('2016-02-29 12:00 Europe/Paris'), 'Europe/Paris');
    for (const utc of ['2016-05-06 20:08:42 UTC', '2013-04-13 12:00:00', '2014-02-01T10:00:00Z', '2014-02-01']) assert.equal(writtenZone(utc), undefined, utc);
  });

  it('parses the layouts seen in front matter', () => {
    const iso = (v: unknown) => {
      const d = parsePostDate(v);
      return typeof d === 'string' ? d : d.toISO();
    };
    assert.equal(iso('2016-11-22 10:10:08 CET'), '2016-11-22T09:10:08.000Z');
    assert.equal(iso('2016-07-12 10:00:00 CEST'), '2016-07-12T08:00:00.000Z');
    assert.equal(iso('2014-02-01'), '2014-02-01T00:00:00.000Z');
    assert.equal(iso('2014-02-01T10:00:00+02:00'), '2014-02-01T08:00:00.000Z');
    assert.equal(iso('2016-02-29 12:00 Europe/Paris'), '2016-02-29T11:00:00.000Z');
    assert.equal(iso('2015-02-29 12:00'), "impossible date '2015-02-29 12:00'");
    assert.equal(iso(undefined), 'no date');
  });

  it('reads ordinary dates in UTC and in abbreviations to the instant and zone luxon gives', () => {
    const days = ['2016-02-28', '2016-02-29', '2015-02-29', '1900-02-29', '2000-02-29', '2016-04-31', '2016-06-30', '2016-06-31', '2016-12-31', '2016-13-01', '2016-00-10', '0999-06-01'];
    const times = ['', ' 00:00', ' 23:59:59', ' 24:00:00', ' 24:00:01', ' 12:60', ' 07:05:60'];
    const zones = ['', ' UTC', ' CEST', ' ist', ' PDT', ' +02:00', ' Europe/Paris'];
    for (const day of days)
      for (const time of times)
        for (const zone of zones) {
          const text = `${day}${time}${zone}`;
          const ours = parsePostDate(text);
          const luxon = viaLuxon(text);
          if (typeof luxon === 'string') assert.equal(typeof ours, 'string', text);
          else assert.deepEqual(typeof ours === 'string' ? ours : [ours.toMillis(), ours.zone, ours.isValid], [luxon.toMillis(), luxon.zone, true], text);
        }
  });
});

/** The same text read by luxon alone (what parsePostDate did before it did ordinary dates by arithmetic). */
function viaLuxon(text: string): DateTime | string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/.exec(text)!;
  const parts = { year: +m[1], month: +m[2], day: +m[3], hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0) };
  const zone = m[7].trim();
  const abbreviation = ZONE_ABBREVIATIONS[zone.toUpperCase()];
  const local =
    zone === ''
      ? DateTime.fromObject(parts, { zone: 'utc' })
      : abbreviation !== undefined
        ? DateTime.fromObject(parts, { zone: 'utc' }).minus({ minutes: abbreviation })
        : DateTime.fromObject(parts, { zone: /^[+-]/.test(zone) ? `UTC${zone}` : zone });
  return local.isValid ? local.toUTC() : 'invalid';
}
