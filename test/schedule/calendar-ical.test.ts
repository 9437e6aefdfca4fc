import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { renderCalendar } from '../../src/schedule/ical.js';
import { loadMeetings } from '../../src/schedule/meetings-load.js';
import { occurrencesBetween } from '../../src/schedule/recurrence.js';
import type { Frequency, Meeting, TestDay } from '../../src/schedule/types.js';
import { FIXTURE_MEETINGS } from '../helpers/bot.js';
import { CORPUS, describeCorpus } from '../helpers/corpus.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const NOW = DateTime.fromISO('2025-11-20T00:00:00Z', { zone: 'utc' });
const FROM = NOW.minus({ days: 30 });
const UNTIL = DateTime.fromISO('2033-06-30T00:00:00Z', { zone: 'utc' });

/** Expand a feed the way Thunderbird does (ical.js), between two instants: "start|summary|location" lines, sorted. */
function expand(ics: string, from: DateTime, to: DateTime): string[] {
  const cal = new ICAL.Component(ICAL.parse(ics));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const out: string[] = [];
  for (const vevent of cal.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const it = event.iterator();
    for (let t = it.next(); t; t = it.next()) {
      const start = DateTime.fromJSDate(t.toJSDate(), { zone: 'utc' });
      if (start >= to) break;
      if (start >= from) out.push(`${start.toISO()}|${event.summary}|${event.location}`);
    }
  }
  return out.sort();
}

/**
 * A wall-clock time inside a spring-forward gap (02:30 on the US change day) is read with the offset before the gap,
 * as RFC 5545 3.3.5 says and the bot does (03:30 EDT); ical.js reads it with the offset after (01:30 EST). Those
 * instants are compared apart.
 */
const inGap = (line: string) => /^20\d\d-03-(0[89]|1[0-4])T0[67]:30:00.000Z\|.*America\/New_York/.test(line);

function own(meetings: Meeting[], from: DateTime, to: DateTime): string[] {
  return meetings.flatMap((m) => occurrencesBetween(m, from, to).map((o) => `${o.start.toUTC().toISO()}|${m.name}|${o.location}`)).sort();
}

function synthetic(frequency: Frequency, zone = 'UTC', day = 1, time = '0900'): Meeting {
  return {
    id: `${frequency}-${zone}`,
    name: `${frequency} ${zone}`,
    source: 'test',
    schedules: [{ time, weekday: day, channel: '#x', frequency, zone, durationMinutes: 60, skipDates: [{ date: '2027-01-04' }, { date: '2026-12-28' }] }],
  };
}

describe('iCal feed', () => {
  it('expands (with ical.js) to exactly the bot’s own occurrences, for every frequency, over 2025–2033 (W53 turns of 2026 and 2032)', () => {
    const freqs: Frequency[] = ['weekly', 'biweekly-odd', 'biweekly-even', 'quadweekly', 'quadweekly-week-1', 'quadweekly-week-2', 'quadweekly-week-3', 'quadweekly-alternate', 'first-monday', 'first-tuesday', 'first-wednesday', 'first-thursday', 'first-friday', 'adhoc'];
    const meetings = freqs.flatMap((f) => [synthetic(f), synthetic(f, 'Europe/Paris', 1, '0030'), synthetic(f, 'America/New_York', 7, '0230')]);
    const ics = renderCalendar(meetings, [], { now: NOW, from: FROM, until: UNTIL });
    const a = expand(ics, FROM, UNTIL).filter((x) => !inGap(x));
    const b = own(meetings, FROM, UNTIL).filter((x) => !inGap(x));
    assert.ok(b.length > 5000);
    assert.deepEqual(a.filter((x) => !b.includes(x)).slice(0, 50), []);
    assert.deepEqual(b.filter((x) => !a.includes(x)).slice(0, 50), []);
    assert.equal(a.length, b.length);
  });

  it('matches for the fixture and sample meetings, with skip dates and the monthly video call', async () => {
    const { meetings } = await loadMeetings([FIXTURE_MEETINGS, join(EXAMPLES, 'meetings')]);
    const ics = renderCalendar(meetings, [], { now: NOW, from: FROM, until: UNTIL });
    assert.match(ics, /EXDATE:20261230T140000Z/);
    assert.match(ics, /EXDATE:20261130T030000Z/);
    assert.deepEqual(expand(ics, FROM, UNTIL), own(meetings, FROM, UNTIL));
    assert.ok(expand(ics, FROM, UNTIL).includes('2026-12-02T14:00:00.000Z|RDO Community Meeting|video call at https://meet.example.org/rdo-community'));
  });

  it('writes biweekly series as WEEKLY;INTERVAL=2 segments that restart at the 53-week-year turn, never BYWEEKNO', () => {
    const ics = renderCalendar([synthetic('biweekly-odd')], [], { now: NOW, from: FROM, until: UNTIL });
    const rules = ics.split('\r\n').filter((l) => l.startsWith('RRULE:') || l.startsWith('DTSTART'));
    assert.deepEqual(rules, [
      'DTSTART:20251103T090000Z',
      'RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20261228T090000Z',
      'DTSTART:20270104T090000Z',
      'RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20321227T090000Z',
      'DTSTART:20330103T090000Z',
      'RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20330620T090000Z',
    ]);
    assert.doesNotMatch(ics, /BYWEEKNO/);
  });

  it('lists test days as single events', () => {
    const td: TestDay = { id: 'x', title: 'Flamingo GA Test Day', start: DateTime.fromISO('2026-11-05T00:00:00Z'), end: DateTime.fromISO('2026-11-07T00:00:00Z'), source: 't', link: 'https://example.org/td' };
    const ics = renderCalendar([], [td], { now: NOW });
    assert.deepEqual(expand(ics, FROM, UNTIL), ['2026-11-05T00:00:00.000Z|Flamingo GA Test Day|null']);
  });
});

describeCorpus('iCal feed over the real meeting definitions', () => {
  it('expands to the bot’s own occurrences for the irc-meetings corpus and the sample meetings, with skip dates and the monthly video call', async () => {
    const { meetings } = await loadMeetings([join(CORPUS, 'irc-meetings'), join(EXAMPLES, 'meetings')]);
    const ics = renderCalendar(meetings, [], { now: NOW, from: FROM, until: UNTIL });
    assert.match(ics, /EXDATE:20261230T140000Z/);
    assert.deepEqual(expand(ics, FROM, UNTIL), own(meetings, FROM, UNTIL));
    assert.ok(expand(ics, FROM, UNTIL).includes('2026-12-02T14:00:00.000Z|RDO Community Meeting|video call at https://meet.example.org/rdo-community'));
  });
});
