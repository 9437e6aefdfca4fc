/** Wording: what a new user sees, item by item, on the invented reply fixtures (test/fixtures/replies). */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { renderSlack } from '../../adapters/slack/render.js';
import { firstParagraph } from '../../src/archive/summary.js';
import { MoreStore } from '../../src/core/more.js';
import type { Message, Reply } from '../../src/core/types.js';
import { resolveZone } from '../../src/core/zones.js';
import { relative } from '../../src/present/time.js';
import { TEST_NOW, type TestBot } from '../helpers/bot.js';
import { fixtureRepliesBot, NETWORKS } from '../helpers/replies.js';

const slack = NETWORKS.find((n) => n.name === 'slack')!;

describe('time zones: what the user types and what the reply shows', () => {
  const table: [string, string][] = [
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Calcutta'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['europe/kiev', 'Europe/Kiev'],
    ['america/new_york', 'America/New_York'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['BST', 'Europe/London'],
    ['bst', 'Europe/London'],
    ['IST', 'Asia/Kolkata'],
    ['CET', 'Europe/Paris'],
    ['CEST', 'Europe/Paris'],
    ['EST', 'America/New_York'],
    ['EDT', 'America/New_York'],
    ['PST', 'America/Los_Angeles'],
    ['PDT', 'America/Los_Angeles'],
    ['JST', 'Asia/Tokyo'],
    ['UTC', 'UTC'],
    ['gmt', 'UTC'],
    ['Z', 'UTC'],
    ['UTC+5:30', 'UTC+5:30'],
    ['UTC-8', 'UTC-8'],
    ['+02:00', 'UTC+2'],
  ];
  for (const [typed, shown] of table) {
    it(`--tz ${typed} is shown as ${shown}`, () => {
      assert.deepEqual(resolveZone(typed), { zone: shown });
    });
  }

  const refused: [string, RegExp][] = [
    ['CST', /^CST is ambiguous: say America\/Chicago \(US Central\) or Asia\/Shanghai \(China\)\.$/],
    ['AST', /^AST is ambiguous/],
    ['Mars/Olympus', /^Unknown time zone 'Mars\/Olympus': use a place name such as Europe\/Paris/],
    ['EST5EDT', /^Unknown time zone 'EST5EDT'/],
    ['UTC+25', /is not a UTC offset/],
  ];
  for (const [typed, why] of refused) {
    it(`--tz ${typed} is refused with a suggestion`, () => {
      const r = resolveZone(typed);
      assert.ok('error' in r);
      assert.match(r.error, why);
    });
  }

  it('shows the local time in the zone as typed, with UTC beside it', async () => {
    const t = await fixtureRepliesBot();
    const cases: [string, RegExp][] = [
      ['!meeting next --tz Asia/Kolkata', /Wed 2026-11-25 19:30 Asia\/Kolkata \(14:00 UTC\)/],
      ['!meeting next --tz Europe/Kyiv', /Wed 2026-11-25 16:00 Europe\/Kyiv \(14:00 UTC\)/],
      ['!meeting next --tz BST', /Wed 2026-11-25 14:00 Europe\/London \(14:00 UTC\)/],
      ['!meeting next --tz EST', /Wed 2026-11-25 09:00 America\/New_York \(14:00 UTC\)/],
      ['!meeting next --tz PDT', /Wed 2026-11-25 06:00 America\/Los_Angeles \(14:00 UTC\)/],
      ['!meeting next --tz CEST', /Wed 2026-11-25 15:00 Europe\/Paris \(14:00 UTC\)/],
      ['!meeting next --tz Asia/Tokyo', /Wed 2026-11-25 23:00 Asia\/Tokyo \(14:00 UTC\)/],
      ['!meeting next --tz Pacific/Auckland', /Thu 2026-11-26 03:00 Pacific\/Auckland \(Wed 14:00 UTC\)/],
    ];
    for (const [line, shown] of cases) assert.match((await t.ask(line))!.text, shown, line);
    assert.equal((await t.ask('!meeting next --tz CST'))!.code, 'BAD_OPTION');
  });
});

describe('wording of replies', () => {
  let t: TestBot;
  before(async () => {
    t = await fixtureRepliesBot();
  });
  const text = async (line: string, m: Partial<Message> = {}) => (await t.ask(line, m))!.text;

  it('names commands with the configured prefix in every hint', async () => {
    const dot = await fixtureRepliesBot({ prefix: '.' });
    assert.equal((await dot.ask('.meeting next quantum'))!.text, "No meeting matches 'quantum'. Try .meeting list.");
    assert.equal((await dot.ask('.intervew latest'))!.text, "Unknown command 'intervew'. Did you mean .interview? Try .help.");
    assert.match((await dot.ask('.help'))!.note!, /^\.help <command> explains one; \.help all/);
    assert.match((await dot.ask('.about'))!.text, /Try \.help\.$/);
    assert.match((await dot.ask('.interview list x'))!.text, /^\.interview list <n>/);
    const reminders = await dot.ask('.reminders');
    assert.match(reminders!.text, /Reminders are not running here/);
  });

  it('names commands the Slack way in Slack', async () => {
    const ask = async (line: string) => (await t.bot.handle(slack.message(line)))!;
    assert.equal((await ask('intervew')).text, "Unknown command 'intervew'. Did you mean /rdo interview? Try /rdo help.");
    assert.match((await ask('help')).note!, /^\/rdo help <command> explains one/);
    assert.deepEqual((await ask('help')).items!.map((i) => i.title).slice(0, 3), ['/rdo about', '/rdo actions', '/rdo calendar']);
    assert.equal((await ask('meeting next quantum')).text, "No meeting matches 'quantum'. Try /rdo meeting list.");
  });

  it('says what is wrong with a count in plain words', async () => {
    assert.equal(await text('!interview list 0'), '!interview list <n> (how many to show) must be at least 1.');
    assert.equal(await text('!interview list lots'), "!interview list <n> (how many to show) must be a number such as 5, not 'lots'.");
  });

  it('makes counts agree: 1 post matches, 2 posts match', async () => {
    assert.equal(await text('!interview search priya'), "1 interview post matches 'priya', best first:");
    assert.equal(await text('!post search flamingo'), "3 posts match 'flamingo', best first:");
    assert.equal(await text('!interview list'), '2 interview posts, newest first:');
    assert.match(await text('!about'), /It knows 3 posts, 2 interviews, 7 meetings, 2 test days, 1 doc day\./);
  });

  it('reads long relative times as dates or weeks', () => {
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
    const table: [string, string][] = [
      ['2026-11-25T12:00:20Z', 'in less than a minute'],
      ['2026-11-25T12:20:00Z', 'in 20 min'],
      ['2026-11-25T15:20:00Z', 'in 3 h 20 min'],
      ['2026-11-27T16:00:00Z', 'in 2 d 4 h'],
      ['2026-12-05T12:00:00Z', 'in 10 days'],
      ['2026-12-16T12:00:00Z', 'in 3 weeks'],
      ['2027-01-14T00:00:00Z', 'in 7 weeks'],
      ['2027-03-01T00:00:00Z', 'on 2027-03-01'],
      ['2026-11-04T12:00:00Z', '3 weeks ago'],
      ['2007-03-14T09:00:00Z', 'on 2007-03-14'],
    ];
    for (const [iso, said] of table) assert.equal(relative(at(iso), TEST_NOW), said, iso);
  });

  it('says a far-off test day by its dates alone, a near one with how soon', async () => {
    const metas = (await t.ask('!testday list'))!.items!.map((i) => i.meta);
    assert.deepEqual(metas, [
      // The titles say "Test Day" and "Doc Day": the kind is not said again.
      'Thu 2026-12-10 00:00 to Fri 2026-12-11 23:59 UTC, starts in 2 weeks, #rdo on libera.chat',
      'Thu 2027-02-04 00:00–23:59 UTC, #rdo-docs',
      'Thu 2026-11-05 00:00 to Fri 2026-11-06 23:59 UTC, ended 3 weeks ago, #rdo on libera.chat',
    ]);
  });

  it('lists past test days without "3366 d 12 h ago"', async () => {
    const old = await fixtureRepliesBot({ clock: { now: () => DateTime.fromISO('2036-01-01T00:00:00Z', { zone: 'utc' }) } });
    const list = (await old.ask('!testday list'))!;
    assert.ok(list.items!.every((i) => /, over, /.test(i.meta!) && !/\d+ d \d+ h/.test(i.meta!)), JSON.stringify(list.items));
    assert.equal((await old.ask('!testday next'))!.text, 'No test day is scheduled yet; the last one was Gazpacho Milestone 2 Test Day on 2026-12-10.');
  });

  it('summarises a post by its first sentence that says something, past greetings and lead-ins', () => {
    const table: [string, string][] = [
      ['Hi all,\n\nTL;DR: RDO Flamingo is out. Read on.', 'RDO Flamingo is out.'],
      ['Greetings,\n\nThe test day starts Thursday, e.g. at 00:00 UTC. Join us.', 'The test day starts Thursday, e.g. at 00:00 UTC.'],
      ['Hello everyone! We have a new CI dashboard for packagers.', 'We have a new CI dashboard for packagers.'],
      ['Hi,\n\nThanks!\n\nPackstack now installs on Stream 10.', 'Packstack now installs on Stream 10.'],
      ['TL;DR:\n\nMitaka ships next week with Keystone v3 by default.', 'Mitaka ships next week with Keystone v3 by default.'],
      ['Hello & welcome', 'Hello & welcome'],
    ];
    for (const [body, summary] of table) assert.equal(firstParagraph(body), summary, body);
    const posts = Object.fromEntries(t.bot.archive.all().map((p) => [p.title, p.summary]));
    assert.equal(posts['RDO newsletter, November 2026'], 'Flamingo packages are now in the stable repositories, and the Gazpacho test days are coming up in January.');
    assert.equal(posts['What did you do in Flamingo? Jo Kim'], 'In this episode Jo Kim tells us why the CI pipeline now runs on every pull request, e.g. for the spec files too.');
  });

  it('answers "nothing scheduled" as an answer, not an error (no warning icon in Slack)', async () => {
    const empty = await fixtureRepliesBot({ meetingsDirs: [], clock: { now: () => DateTime.fromISO('2036-01-01T00:00:00Z', { zone: 'utc' }) } });
    for (const line of ['!meeting next', '!testday next', '!testday current', '!meeting list']) {
      const reply = (await empty.ask(line))!;
      assert.equal(reply.kind, 'answer', line);
      assert.doesNotMatch(JSON.stringify(renderSlack(reply)), /:warning:/, line);
    }
    assert.equal((await t.ask('!meeting next security'))!.text, 'RDO Security Triage has no scheduled meeting: it meets as needed.');
  });

  it('is addressed by "rdobot:" and "rdobot,", not by a line that merely starts with its name', async () => {
    assert.match(await text('rdobot: interview latest'), /^Interview with Priya Raman/);
    assert.match(await text('rdobot, interview latest'), /^Interview with Priya Raman/);
    assert.match(await text('@rdobot interview latest'), /^Interview with Priya Raman/);
    assert.equal(await t.ask('rdobot is broken again'), null);
    assert.equal(await t.ask('rdobot interview latest'), null);
  });

  it('tolerates a trailing ? or ! and dashes that phones make of --', async () => {
    for (const line of ['!interview latest?', '!interview latest!', 'rdobot: interview latest ?']) assert.match(await text(line), /^Interview with Priya Raman/, line);
    for (const line of ['!meeting next —tz Asia/Kolkata', '!meeting next –tz Asia/Kolkata', '!meeting next ‐‐tz Asia/Kolkata']) {
      assert.match(await text(line), /19:30 Asia\/Kolkata/, line);
    }
  });

  it('runs a family\'s obvious default when no subcommand is given', async () => {
    assert.match(await text('!interview'), /^Interview with Priya Raman/);
    assert.match(await text('!interview --tz Asia/Tokyo'), /2026-11-18 18:30 Asia\/Tokyo/);
    assert.match(await text('!meeting'), /^RDO Community Meeting — /);
    assert.match(await text('!testday'), /^Gazpacho Milestone 2 Test Day — /);
    assert.match(await text('!help interview'), /!interview alone is !interview latest/);
    assert.match(await text('!interview keystone'), /^Unknown subcommand 'interview keystone'/);
  });

  it('shows admin commands only to admins', async () => {
    const titles = async (m: Partial<Message>) => (await t.ask('!help all', m))!.items!.map((i) => i.title).join(' ');
    assert.doesNotMatch(await titles({}), /announce|reload|mute|status/);
    assert.match(await titles({ roles: ['admin'] }), /!announce.*!mute.*!reload.*!status/);
    assert.match(await titles({}), /!meeting next\|list\|remind/);
  });

  it('never points "see all" at the blog front page: a cut list offers !more', async () => {
    const r = (await t.ask('!meeting list', { maxLines: 4 }))!;
    assert.deepEqual(r.more, { count: 4, command: '!more' });
    assert.doesNotMatch(JSON.stringify(r), /rdoproject\.org\/blog\/"/);
  });
});

describe('!more', () => {
  const reply = (n: number): Reply => ({ kind: 'list', text: 'items', items: Array.from({ length: n }, (_, i) => ({ title: `item ${i}` })) });

  it('keeps the rest per user and channel, and a new answer replaces it', async () => {
    const t = await fixtureRepliesBot();
    const alice = { maxLines: 4, user: { id: 'alice', name: 'alice', verified: true } };
    const bob = { maxLines: 4, user: { id: 'bob', name: 'bob', verified: true } };
    assert.equal((await t.ask('!meeting list', alice))!.items!.length, 3);
    assert.match((await t.ask('!more', bob))!.text, /^Nothing more to show/);
    assert.match((await t.ask('!more', { ...alice, room: '#other' }))!.text, /^Nothing more to show/);
    const next = (await t.ask('!more', alice))!;
    assert.equal(next.continued, true);
    assert.deepEqual(next.items!.map((i) => i.title), ['RDO Release Retrospective', 'RDO Packaging Office Hours', 'RDO Docs Sprint Planning', 'RDO Security Triage']);
    await t.ask('!interview latest', alice);
    assert.match((await t.ask('!more', alice))!.text, /^Nothing more to show/);
  });

  it('forgets the rest after a while, and keeps a bounded number of askers', () => {
    let now = 0;
    const store = new MoreStore({ ttlMs: 1000, maxEntries: 2, now: () => now });
    store.put('a', reply(1));
    now = 999;
    assert.ok(store.take('a'));
    store.put('a', reply(1));
    now = 2000;
    assert.equal(store.take('a'), undefined);
    store.put('a', reply(1));
    store.put('b', reply(1));
    store.put('c', reply(1));
    assert.equal(store.size, 2);
    assert.equal(store.take('a'), undefined);
  });

  it('gives a private query more lines than a channel', async () => {
    const t = await fixtureRepliesBot();
    assert.equal((await t.ask('!meeting list', { maxLines: 4 }))!.items!.length, 3);
    assert.equal((await t.ask('meeting list', { maxLines: 15, isPrivate: true, room: 'alice' }))!.items!.length, 7);
  });
});

describe('Slack links', () => {
  it('makes web addresses in fields and context lines links, with text objects kept verbatim', () => {
    const { blocks } = renderSlack({
      kind: 'answer',
      text: 'x',
      items: [{ title: 'Meeting', meta: 'video call at https://meet.example.org/rdo, in 2 h', fields: [{ label: 'notes', value: 'see https://etherpad.example.org/p/x & more' }] }],
    });
    const json = JSON.stringify(blocks);
    assert.match(json, /see <https:\/\/etherpad\.example\.org\/p\/x\|https:\/\/etherpad\.example\.org\/p\/x> &amp; more/);
    assert.match(json, /video call at <https:\/\/meet\.example\.org\/rdo\|https:\/\/meet\.example\.org\/rdo>, in 2 h/);
    assert.doesNotMatch(json, /"verbatim":false/);
  });
});
