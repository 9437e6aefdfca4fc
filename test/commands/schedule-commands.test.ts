import assert from 'node:assert/strict';
import { loadTestDays } from '../../src/schedule/events-load.js';
import { loadMeetings } from '../../src/schedule/meetings-load.js';
import type { Meeting, TestDay } from '../../src/schedule/types.js';
import { FIXTURE_EVENTS, FIXTURE_MEETINGS, SAMPLE_ROOT } from '../helpers/bot.js';
import { scheduleBot as bot } from '../helpers/schedule-bot.js';

describe('!meeting over the fixture meetings', () => {
  let meetings: Meeting[];
  let samples: Meeting[];
  before(async () => {
    meetings = (await loadMeetings([FIXTURE_MEETINGS])).meetings;
    samples = (await loadMeetings([`${SAMPLE_ROOT}meetings`])).meetings;
  });

  it('answers !meeting next with the soonest meeting, in UTC with relative time', async () => {
    // Wednesday 2026-11-25 12:00 UTC: Gantry meets at 14:00.
    const r = await bot(meetings, [], '2026-11-25T12:00:00Z')('!meeting next');
    assert.equal(r.kind, 'answer');
    assert.equal(r.text, 'Gantry Team Meeting — Wed 2026-11-25 14:00 UTC, in 2 h, in #openstack-gantry, agenda: https://wiki.example.org/wiki/Meetings/Gantry');
    assert.equal(r.items?.[0].when?.toUTC().toISO(), '2026-11-25T14:00:00.000Z');
  });

  it("answers !meeting next <name> in the asker's zone, on the right week of a biweekly pair", async () => {
    // ISO week 48 is even: the 14:00 slot, not the 21:00 one.
    const r = await bot(meetings, [], '2026-11-25T10:40:00Z')('!meeting next quarry --tz Europe/Paris');
    assert.equal(r.text, 'Quarry Team Meeting — Thu 2026-11-26 15:00 Europe/Paris (14:00 UTC), in 1 d 3 h, in #openstack-meeting, agenda: https://wiki.example.org/wiki/Meetings/Quarry');
    // The structured fields (Slack, JSON) are on the item; the chair is said on the second line.
    const fields = r.items?.[0].fields;
    assert.ok(fields?.some((f) => f.label === 'chair' && f.value === 'Jo Example (joex)'));
    assert.ok(fields?.some((f) => f.label === 'agenda' && f.value === 'https://wiki.example.org/wiki/Meetings/Quarry'));
    assert.match(r.items?.[0].summary ?? '', /^Chair: Jo Example \(joex\)\./);
    const odd = await bot(meetings, [], '2026-11-27T00:00:00Z')('!meeting next quarry');
    assert.match(odd.text, /^Quarry Team Meeting — Thu 2026-12-03 21:00 UTC/);
  });

  it('says a meeting is running now', async () => {
    const r = await bot(meetings, [], '2026-11-25T14:20:00Z')('!meeting next gantry');
    assert.match(r.text, /running now \(started 20 min ago, until 15:00 UTC\)/);
  });

  it('skips a skip date', async () => {
    const r = await bot(meetings, [], '2026-11-25T12:00:00Z')('!meeting next nightjar');
    assert.match(r.text, /^Nightjar Team Meeting — Mon 2026-12-07 03:00 UTC, in 11 days/);
  });

  it('lists meetings soonest first, adhoc ones last', async () => {
    const lantern = meetings.find((m) => m.id === 'lantern_sig')!;
    const r = await bot([lantern, ...samples], [], '2026-11-25T12:00:00Z')('!meeting list');
    assert.equal(r.kind, 'list');
    assert.deepEqual(r.items?.map((i) => i.title), ['RDO Community Meeting', 'RDO Packaging Office Hours', 'Lantern SIG Meeting']);
    assert.match(r.items?.[2].meta ?? '', /as needed/);
  });

  it('gives one clear line for an unknown meeting and for an adhoc one', async () => {
    const ask = bot(meetings, [], '2026-11-25T12:00:00Z');
    const r = await ask('!meeting next quantum');
    assert.equal(r.code, 'NOT_FOUND');
    assert.match(r.text, /^No meeting matches 'quantum'\./);
    // Nothing on the calendar is an answer, not an error.
    const adhoc = await ask('!meeting next lantern');
    assert.equal(adhoc.kind, 'answer');
    assert.equal(adhoc.text, 'Lantern SIG Meeting has no scheduled meeting: it meets as needed.');
  });
});

describe('!testday over the fixture events', () => {
  let testDays: TestDay[];
  before(async () => {
    testDays = (await loadTestDays([FIXTURE_EVENTS], [])).testDays;
  });

  it('answers !testday next with the next test day and its details link', async () => {
    const r = await bot([], testDays, '2016-05-01T00:00:00Z')('!testday next');
    assert.equal(r.items?.[0].title, 'Kestrel Milestone 2 Test Day');
    assert.match(r.text, /^Kestrel Milestone 2 Test Day — Thu 2016-06-02 00:01 to Fri 2016-06-03 23:59 UTC, starts in 5 weeks/);
    assert.equal(r.link, 'https://www.rdoproject.example/testday/kestrel/milestone2');
  });

  it('knows when a test day is running now, in the asker\'s zone', async () => {
    const r = await bot([], testDays, '2016-06-02T10:00:00Z')('!testday current --tz Asia/Tokyo');
    assert.match(r.text, /^Kestrel Milestone 2 Test Day — Thu 2016-06-02 09:01 to Sat 2016-06-04 08:59 Asia\/Tokyo \(Thu 2016-06-02 00:01 to .* UTC\), running now, ends in 1 d 13 h/);
  });

  it('lists upcoming test days first, doc days labelled, and says how many of how many it shows', async () => {
    const r = await bot([], testDays, '2016-06-10T00:00:00Z')('!testday list 3');
    assert.deepEqual(r.items?.map((i) => i.title), ['Doc Sprint Day', 'Kestrel Final Test Day', 'Lemur Milestone 1 Test Day']);
    assert.match(r.items?.[0].meta ?? '', /^doc day, /);
    assert.equal(r.text, '3 upcoming test/doc days (3 of 5):');
    assert.equal(r.more, undefined);
  });

  it('lists them all without a count, and its header names only what it shows', async () => {
    const r = await bot([], testDays, '2016-06-10T00:00:00Z')('!testday list');
    assert.equal(r.items?.length, 5);
    assert.match(r.text, /^\d+ upcoming test\/doc days, then the \d+ most recent:$|^\d+ upcoming test\/doc days, then the most recent one:$/);
    const later = await bot([], testDays, '2030-01-01T00:00:00Z')('!testday list 2');
    assert.equal(later.text, 'No upcoming test day; the 2 most recent (2 of 5):');
  });

  it('names the next one in the future from the events files', async () => {
    const r = await bot([], testDays, '2026-11-25T12:00:00Z')('!testday next');
    assert.equal(r.items?.[0].title, 'Mongoose Milestone 1 Test Day');
  });
});
