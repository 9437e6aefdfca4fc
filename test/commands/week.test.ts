import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { calendarFor } from '../../src/main/calendar.js';
import { fixedClock } from '../../src/core/router.js';
import { HttpEndpoint } from '../../src/http/server.js';
import { digestConfig } from '../../src/schedule/reminders/digest.js';
import { FIXTURE_MEETINGS, FIXTURES, fixtureBot } from '../helpers/bot.js';

const WEEK = join(FIXTURES, 'week');
/** Thursday 2026-10-22 12:00 UTC: Europe leaves summer time on Sunday the 25th, the USA a week later. */
const BEFORE_DST_END = DateTime.fromISO('2026-10-22T12:00:00Z', { zone: 'utc' });

function weekBot() {
  return fixtureBot({
    clock: fixedClock(BEFORE_DST_END),
    archiveDirs: [join(WEEK, 'posts')],
    eventsDirs: [join(WEEK, 'events')],
    meetingsDirs: [FIXTURE_MEETINGS, join(WEEK, 'meetings')],
  });
}

/** "Thu 22 Oct 23:00 Quarry Team Meeting": each item's (first) local time and title. */
const lines = (items: { title: string; meta?: string }[] | undefined) => (items ?? []).map((i) => `${/\w{3} \d+ \w{3} \d\d:\d\d/.exec(i.meta ?? '')?.[0]} ${i.title}`);

describe('!week: the coming seven days in the asker’s zone', () => {
  it('lists meetings, test days and new posts over the end of summer time, in Paris time', async () => {
    const { ask } = await weekBot();
    const reply = await ask('!week --tz Europe/Paris');
    assert.equal(reply?.text, 'The coming 7 days, times in Europe/Paris: 5 meetings, 1 test day; 1 post new in the last 7 days');
    assert.deepEqual(lines(reply?.items), [
      'Tue 20 Oct 12:00 RDO community news, October', // new this week (10:00 UTC, summer time)
      'Thu 22 Oct 23:00 Quarry Team Meeting', // 21:00 UTC, summer time (+2)
      'Sun 25 Oct 23:30 Owl Office Hours', // 22:30 UTC, winter time (+1), on the 25-hour Sunday
      'Mon 26 Oct 04:00 Nightjar Team Meeting', // 03:00 UTC, winter time (+1)
      'Mon 26 Oct 09:00 Kestrel Europe Sync', // defined in Paris time: 09:00 whatever the offset
      'Tue 27 Oct 01:00 Mongoose Milestone 2 Test Day',
      'Wed 28 Oct 15:00 Gantry Team Meeting',
    ]);
  });

  it('shows the same week to someone in New York, whose clocks change a week later', async () => {
    const { ask } = await weekBot();
    const reply = await ask('!week', { user: { id: 'nyc', name: 'nyc', verified: true } });
    assert.match(reply!.text, /times in UTC/);
    await ask('!tz set America/New_York', { user: { id: 'nyc', name: 'nyc', verified: true } });
    const local = await ask('!week', { user: { id: 'nyc', name: 'nyc', verified: true } });
    assert.deepEqual(lines(local?.items).slice(1, 5), [
      'Thu 22 Oct 17:00 Quarry Team Meeting',
      'Sun 25 Oct 18:30 Owl Office Hours',
      'Sun 25 Oct 23:00 Nightjar Team Meeting',
      'Mon 26 Oct 04:00 Kestrel Europe Sync', // 08:00 UTC: Paris has left summer time, New York not yet
    ]);
  });

  it('takes one local day: the 25-hour Sunday is a whole day, in the asker’s zone', async () => {
    const { ask } = await weekBot();
    const sunday = await ask('!week sunday --tz Europe/Paris');
    assert.equal(sunday?.text, 'Sunday (Sun 25 Oct), times in Europe/Paris: 1 meeting, 0 test days, 0 new posts');
    assert.deepEqual(lines(sunday?.items), ['Sun 25 Oct 23:30 Owl Office Hours']);
    // In UTC the same meeting is still on Sunday; in Tokyo it is Monday morning.
    assert.deepEqual(lines((await ask('!week monday --tz Asia/Tokyo'))?.items), ['Mon 26 Oct 07:30 Owl Office Hours', 'Mon 26 Oct 12:00 Nightjar Team Meeting', 'Mon 26 Oct 17:00 Kestrel Europe Sync']);
    assert.equal((await ask('!week today --tz Europe/Paris'))?.items?.length, 1);
    assert.equal((await ask('!week someday'))?.code, 'BAD_ARGUMENTS');
  });
});

describe('!calendar and the per-meeting feed', () => {
  it('gives the feed addresses from HTTP_PUBLIC_URL, or says the feed is not published', async () => {
    const unpublished = await fixtureBot();
    assert.match((await unpublished.ask('!calendar'))!.text, /not published here \(an operator sets HTTP_PUBLIC_URL\)/);
    const { ask } = await fixtureBot({ publicUrl: 'https://rdobot.example.org/bot' });
    assert.equal((await ask('!calendar'))?.text, 'Subscribe to every RDO meeting and test day: https://rdobot.example.org/bot/calendar.ics');
    assert.equal((await ask('!calendar gantry'))?.text, 'Subscribe to Gantry Team Meeting: https://rdobot.example.org/bot/calendar.ics?meeting=gantry');
    assert.equal((await ask('!calendar atlantis'))?.code, 'NOT_FOUND');
  });

  it('serves one meeting’s feed at /calendar.ics?meeting=<id>, and 404 for an unknown id', async () => {
    const { bot } = await fixtureBot();
    const http = new HttpEndpoint(bot, { host: '127.0.0.1', port: 0, calendar: (q) => calendarFor(bot, q) });
    const port = await http.start();
    try {
      const one = await fetch(`http://127.0.0.1:${port}/calendar.ics?meeting=gantry`);
      assert.equal(one.status, 200);
      const text = await one.text();
      assert.equal(text.match(/BEGIN:VEVENT/g)?.length, 1);
      assert.match(text, /SUMMARY:Gantry Team Meeting/);
      const all = await (await fetch(`http://127.0.0.1:${port}/calendar.ics`)).text();
      assert.ok((all.match(/BEGIN:VEVENT/g)?.length ?? 0) > 3);
      assert.equal((await fetch(`http://127.0.0.1:${port}/calendar.ics?meeting=nope`)).status, 404);
    } finally {
      await http.stop();
    }
  });
});

describe('weekly digest settings', () => {
  it('are read from the environment over the config file, and a bad one names its key', () => {
    assert.equal(digestConfig({}, undefined, 'UTC'), null);
    assert.deepEqual(digestConfig({ RDOBOT_DIGEST_TARGETS: 'irc:#rdo, slack:C123' }, { at: 'Friday 16:30', timezone: 'Asia/Tokyo' }, 'UTC'), {
      targets: ['irc:#rdo', 'slack:C123'],
      weekday: 5,
      hour: 16,
      minute: 30,
      zone: 'Asia/Tokyo',
    });
    assert.throws(() => digestConfig({ RDOBOT_DIGEST_TARGETS: 'irc:#rdo', RDOBOT_DIGEST_AT: 'Mondays at 9' }, undefined, 'UTC'), /RDOBOT_DIGEST_AT: got 'Mondays at 9', expected a weekday and a time such as 'Monday 09:00'/);
    assert.throws(() => digestConfig({ RDOBOT_DIGEST_TARGETS: '#rdo' }, undefined, 'UTC'), /RDOBOT_DIGEST_TARGETS: got '#rdo', expected network:room/);
    assert.throws(() => digestConfig({}, { targets: ['irc:#rdo'], timezone: 'Mars/Olympus' }, 'UTC', () => 7), /line 7: digest\.timezone: got 'Mars\/Olympus'/);
    assert.throws(() => digestConfig({}, { target: ['irc:#rdo'] }, 'UTC'), /digest\.target: unknown setting/);
  });
});
