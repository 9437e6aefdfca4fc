import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { fixedClock } from '../../src/core/router.js';
import { fixtureBot, type TestBot } from '../helpers/bot.js';
import { ANNOUNCED_EVENTS, ANNOUNCED_POSTS } from '../helpers/announced.js';
import { until } from '../helpers/wait.js';

/** A bot over the announcing fixture posts and their events file, at a pinned moment. */
const botAt = (iso: string) =>
  fixtureBot({ archiveDirs: [ANNOUNCED_POSTS], eventsDirs: [ANNOUNCED_EVENTS], clock: fixedClock(DateTime.fromISO(iso, { zone: 'utc' })) });

describe('test days announced only in a post\'s body, on the schedule', () => {
  const bots: TestBot[] = [];
  after(async () => {
    for (const b of bots) {
      await b.bot.stop();
      b.bot.close();
    }
  });
  const at = async (iso: string) => {
    const b = await botAt(iso);
    bots.push(b);
    return b;
  };

  it('after the announcement and before its day, !testday next names that test day with the right dates', async () => {
    // Friday 2027-03-05: the post of Wednesday 2027-03-03 said "Thursday and Friday of next week".
    const { ask } = await at('2027-03-05T12:00:00Z');
    const r = await ask('!testday next');
    assert.equal(r?.kind, 'answer');
    assert.match(r!.text, /^Lemur M3 test day — Thu 2027-03-11 00:00 to Fri 2027-03-12 23:59 UTC, starts in 5 d/);
    assert.equal(r!.link, 'https://www.rdoproject.example/testday/lemur/m3/');
  });

  it('a post that gives no date yields no entry: after the March test day, the next is the GA one of August', async () => {
    // Monday 2027-04-05: the "upcoming test day" post of 2027-04-02 has no date; the doc day (August) is not a test day.
    const { ask } = await at('2027-04-05T12:00:00Z');
    const r = await ask('!testday next');
    assert.match(r!.text, /^Lemur GA Test Day — Mon 2027-08-30 00:01 to Tue 2027-08-31 23:59 UTC/);
    const list = await ask('!testday list 20');
    assert.equal(list?.items?.some((i) => /ready for the upcoming test day/i.test(i.title)), false);
  });

  it('the same test day in a post and in the events file is one entry, the events file\'s details first', async () => {
    const { ask } = await at('2027-08-29T12:00:00Z');
    const r = await ask('!testday next');
    assert.match(r!.text, /^Lemur GA Test Day — Mon 2027-08-30 00:01 to Tue 2027-08-31 23:59 UTC, starts in .*, rdo channel on the IRC network$/);
    const list = await ask('!testday list 20');
    assert.equal(list?.items?.filter((i) => i.when?.toISODate() === '2027-08-30').length, 1);
  });

  it('other events a post announces are on !week, labelled, and never "the next test day"', async () => {
    // Monday 2027-05-03: the meetup is on Tuesday 18:00 PDT, Wednesday 01:00 UTC.
    const { ask } = await at('2027-05-03T08:00:00Z');
    const week = await ask('!week');
    const meetup = week?.items?.find((i) => i.title === 'RDO meetup in Mountain View' && i.meta?.startsWith('meetup, '));
    assert.ok(meetup, JSON.stringify(week?.items?.map((i) => [i.title, i.meta])));
    assert.equal(meetup.when?.toUTC().toISO(), '2027-05-05T01:00:00.000Z');
    const next = await ask('!testday next');
    assert.doesNotMatch(next!.text, /meetup/i);
  });

  it('!post why shows the sentence and the date read', async () => {
    const { ask } = await at('2027-03-05T12:00:00Z');
    const r = await ask('!post why lemur-m3-is-out');
    const field = r?.fields?.find((f) => f.label === 'announces a test day');
    assert.ok(field, JSON.stringify(r?.fields));
    assert.equal(field.value, 'Thu 2027-03-11 to Fri 2027-03-12, read “on Thursday and Friday of next week” in “Join us on Thursday and Friday of next week for the Lemur M3 test day: we\'ll be on #rdo all day, both days.”');
    const none = await ask('!post why upcoming-test-day-no-date');
    assert.equal(none?.fields?.some((f) => f.label.startsWith('announces')), false);
  });

  it('a test day dated only under its heading: !testday next names it, !post why shows the heading', async () => {
    // Friday 2027-11-05: the post of 2027-11-02 dates the test day under "## Test day" only.
    const { ask } = await at('2027-11-05T12:00:00Z');
    const r = await ask('!testday next');
    assert.match(r!.text, /^Narwhal RC packages are in the testing repo — test day, Thu 2027-11-11 00:00 to Fri 2027-11-12 23:59 UTC, starts in 5 d/);
    assert.equal(r!.link, 'https://www.rdoproject.example/testday/narwhal/rc/');
    const why = await ask('!post why narwhal-rc-in-testing');
    assert.equal(
      why?.fields?.find((f) => f.label === 'announces a test day')?.value,
      'Thu 2027-11-11 to Fri 2027-11-12, read “on Thursday November 11 and Friday November 12” in “We\'ll put them through their paces on Thursday November 11 and Friday November 12.” under “Test day”',
    );
  });

  it('a test day only a newsletter announces is the next test day, and what it reports is not', async () => {
    // Monday 2027-11-22: the newsletter of 2027-11-20 announces the GA test day and reports the RC one.
    const { ask } = await at('2027-11-22T12:00:00Z');
    const r = await ask('!testday next');
    assert.match(r!.text, /^Narwhal GA test day — Thu 2027-12-09 00:00 to Fri 2027-12-10 23:59 UTC/);
    const list = await ask('!testday list 20');
    assert.equal(list?.items?.filter((i) => i.when?.toISODate() === '2027-11-11').length, 1, 'the RC test day once, from its own post');
  });

  it('a body-only announcement arriving while the bot runs is on the schedule within seconds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-announced-'));
    try {
      cpSync(ANNOUNCED_POSTS, dir, { recursive: true });
      const b = await fixtureBot({ archiveDirs: [dir], eventsDirs: [ANNOUNCED_EVENTS], clock: fixedClock(DateTime.fromISO('2027-10-06T12:00:00Z', { zone: 'utc' })) });
      bots.push(b);
      b.bot.follow();
      // Not a test-day post by its title: only its body says so.
      const body = 'Hello everyone,\n\nWe will hold the Narwhal M0 test day on\nOctober 14th and 15th. Bring a spare machine.\n';
      writeFileSync(join(dir, '2027-10-05-narwhal-is-coming.html.md'), `---\ntitle: Narwhal is coming\ndate: 2027-10-05 09:00:00 UTC\nauthor: rhenderson\n---\n\n${body}`);
      await until(() => b.bot.schedule.testDays.some((t) => t.source.endsWith('2027-10-05-narwhal-is-coming.html.md')), 5000, 'the announced test day');
      const r = await b.ask('!testday next');
      assert.match(r!.text, /^Narwhal M0 test day — Thu 2027-10-14 00:00 to Fri 2027-10-15 23:59 UTC/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
