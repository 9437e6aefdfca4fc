import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { nextOccurrences, occurrencesBetween } from '../../src/schedule/recurrence.js';
import type { Frequency, Meeting, ScheduleEntry } from '../../src/schedule/types.js';

const DAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function meeting(frequency: Frequency, day: string, time: string, extra: Partial<ScheduleEntry> = {}): Meeting {
  const entry: ScheduleEntry = { time, weekday: DAYS[day], channel: '#rdo', frequency, zone: 'UTC', durationMinutes: 60, skipDates: [], ...extra };
  return { id: `t-${frequency}`, name: `test ${frequency}`, schedules: [entry], source: 'test' };
}

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const starts = (m: Meeting, now: string, n: number) => nextOccurrences(m, utc(now), n).map((o) => o.start.toUTC().toISO({ suppressMilliseconds: true, suppressSeconds: true }));

/**
 * Hand-checked against a calendar and against yaml2ical's recurrence rules (weekly: the weekday on or after the date;
 * biweekly: ISO week parity; quadweekly: ISO week mod 4 = 0/1/2/3, "alternate" = 2). 2026 has 53 ISO weeks: Mon
 * 2026-12-28 is W53 and Mon 2027-01-04 is W1 2027, both odd. One difference, on purpose: for first-<day> yaml2ical
 * always starts the series in the month after its reference date; rdobot (and issue 3) gives this month's when it is
 * still ahead.
 */
const TABLE: { what: string; m: Meeting; now: string; expect: string[] }[] = [
  { what: 'weekly, before the time on the day', m: meeting('weekly', 'Wed', '1400'), now: '2026-11-25T12:00Z', expect: ['2026-11-25T14:00Z', '2026-12-02T14:00Z'] },
  { what: 'weekly, after the time on the day', m: meeting('weekly', 'Wed', '1400'), now: '2026-11-25T14:30Z', expect: ['2026-12-02T14:00Z'] },
  { what: 'weekly, exactly at the start (strictly after)', m: meeting('weekly', 'Wed', '1400'), now: '2026-11-25T14:00Z', expect: ['2026-12-02T14:00Z'] },
  { what: 'weekly, across the year boundary', m: meeting('weekly', 'Wed', '1400'), now: '2026-12-30T15:00Z', expect: ['2027-01-06T14:00Z'] },
  { what: 'weekly with a skip date', m: meeting('weekly', 'Wed', '1400', { skipDates: [{ date: '2026-12-30', reason: 'holidays' }] }), now: '2026-12-24T00:00Z', expect: ['2027-01-06T14:00Z', '2027-01-13T14:00Z'] },
  { what: 'weekly with a start date', m: meeting('weekly', 'Wed', '1400', { startDate: DateTime.fromISO('2027-01-13', { zone: 'UTC' }) }), now: '2026-12-01T00:00Z', expect: ['2027-01-13T14:00Z'] },
  { what: 'weekly on a leap day', m: meeting('weekly', 'Tue', '1400'), now: '2028-02-28T00:00Z', expect: ['2028-02-29T14:00Z', '2028-03-07T14:00Z'] },
  { what: 'biweekly-odd: W53 2026 and W1 2027 back to back', m: meeting('biweekly-odd', 'Mon', '0800'), now: '2026-12-22T00:00Z', expect: ['2026-12-28T08:00Z', '2027-01-04T08:00Z', '2027-01-18T08:00Z'] },
  { what: 'biweekly-even: W52 then W2 (three weeks apart)', m: meeting('biweekly-even', 'Mon', '0800'), now: '2026-12-15T00:00Z', expect: ['2026-12-21T08:00Z', '2027-01-11T08:00Z', '2027-01-25T08:00Z'] },
  { what: 'biweekly-even, after the time in an even week', m: meeting('biweekly-even', 'Mon', '0800'), now: '2026-12-21T09:00Z', expect: ['2027-01-11T08:00Z'] },
  { what: 'quadweekly (week mod 4 = 0)', m: meeting('quadweekly', 'Mon', '0900'), now: '2026-12-01T00:00Z', expect: ['2026-12-21T09:00Z', '2027-01-25T09:00Z', '2027-02-22T09:00Z'] },
  { what: 'quadweekly-week-1: W53 and W1 back to back', m: meeting('quadweekly-week-1', 'Mon', '0900'), now: '2026-12-01T00:00Z', expect: ['2026-12-28T09:00Z', '2027-01-04T09:00Z', '2027-02-01T09:00Z'] },
  { what: 'quadweekly-week-2', m: meeting('quadweekly-week-2', 'Mon', '0900'), now: '2026-12-01T00:00Z', expect: ['2026-12-07T09:00Z', '2027-01-11T09:00Z', '2027-02-08T09:00Z'] },
  { what: 'quadweekly-week-3', m: meeting('quadweekly-week-3', 'Mon', '0900'), now: '2026-12-01T00:00Z', expect: ['2026-12-14T09:00Z', '2027-01-18T09:00Z', '2027-02-15T09:00Z'] },
  { what: 'quadweekly-alternate (same slot as week-2)', m: meeting('quadweekly-alternate', 'Mon', '0900'), now: '2026-12-01T00:00Z', expect: ['2026-12-07T09:00Z', '2027-01-11T09:00Z'] },
  { what: "first-wednesday: this month's while still ahead", m: meeting('first-wednesday', 'Wed', '1400'), now: '2026-12-01T00:00Z', expect: ['2026-12-02T14:00Z', '2027-01-06T14:00Z', '2027-02-03T14:00Z'] },
  { what: 'first-wednesday: after it, the next month', m: meeting('first-wednesday', 'Wed', '1400'), now: '2026-12-02T15:00Z', expect: ['2027-01-06T14:00Z'] },
  { what: 'first-monday (month starting on Monday)', m: meeting('first-monday', 'Mon', '1400'), now: '2027-01-15T00:00Z', expect: ['2027-02-01T14:00Z', '2027-03-01T14:00Z'] },
  { what: 'first-tuesday', m: meeting('first-tuesday', 'Tue', '1400'), now: '2026-11-30T00:00Z', expect: ['2026-12-01T14:00Z', '2027-01-05T14:00Z'] },
  { what: 'first-thursday', m: meeting('first-thursday', 'Thu', '1400'), now: '2026-11-30T00:00Z', expect: ['2026-12-03T14:00Z', '2027-01-07T14:00Z'] },
  { what: 'first-friday', m: meeting('first-friday', 'Fri', '1400'), now: '2026-11-30T00:00Z', expect: ['2026-12-04T14:00Z', '2027-01-01T14:00Z'] },
  { what: 'adhoc is never scheduled', m: meeting('adhoc', 'Tue', '0900'), now: '2026-11-30T00:00Z', expect: [] },
  // DST: the wall-clock time stays, the UTC time moves.
  { what: 'Europe/Paris 09:00 across the spring change (2026-03-29)', m: meeting('weekly', 'Tue', '0900', { zone: 'Europe/Paris' }), now: '2026-03-20T00:00Z', expect: ['2026-03-24T08:00Z', '2026-03-31T07:00Z'] },
  { what: 'Europe/Paris 09:00 across the autumn change (2026-10-25)', m: meeting('weekly', 'Tue', '0900', { zone: 'Europe/Paris' }), now: '2026-10-19T00:00Z', expect: ['2026-10-20T07:00Z', '2026-10-27T08:00Z'] },
  { what: 'America/New_York 10:00 across the spring change (2026-03-08)', m: meeting('weekly', 'Mon', '1000', { zone: 'America/New_York' }), now: '2026-03-01T00:00Z', expect: ['2026-03-02T15:00Z', '2026-03-09T14:00Z'] },
  { what: 'America/New_York 10:00 across the autumn change (2026-11-01)', m: meeting('weekly', 'Mon', '1000', { zone: 'America/New_York' }), now: '2026-10-25T00:00Z', expect: ['2026-10-26T14:00Z', '2026-11-02T15:00Z'] },
  { what: 'America/New_York 02:30 on the spring-forward Sunday moves to 03:30 EDT', m: meeting('weekly', 'Sun', '0230', { zone: 'America/New_York' }), now: '2026-03-07T00:00Z', expect: ['2026-03-08T07:30Z', '2026-03-15T06:30Z'] },
  { what: 'Asia/Tokyo Monday 08:00 is Sunday in UTC', m: meeting('weekly', 'Mon', '0800', { zone: 'Asia/Tokyo' }), now: '2026-12-06T00:00Z', expect: ['2026-12-06T23:00Z', '2026-12-13T23:00Z'] },
  { what: 'biweekly-odd in Europe/Paris uses the local ISO week (Monday 00:30 local is Sunday UTC)', m: meeting('biweekly-odd', 'Mon', '0030', { zone: 'Europe/Paris' }), now: '2026-12-20T00:00Z', expect: ['2026-12-27T23:30Z', '2027-01-03T23:30Z', '2027-01-17T23:30Z'] },
];

describe('next occurrences (table, fixed instants)', () => {
  for (const row of TABLE) {
    it(`${row.what}: after ${row.now}`, () => {
      assert.deepEqual(starts(row.m, row.now, row.expect.length || 3), row.expect);
    });
  }

  it('merges several schedule entries of one meeting in time order', () => {
    const m = meeting('biweekly-even', 'Thu', '1400');
    m.schedules.push({ ...m.schedules[0], time: '2100', frequency: 'biweekly-odd' });
    assert.deepEqual(starts(m, '2026-12-14T00:00Z', 4), ['2026-12-17T21:00Z', '2026-12-24T14:00Z', '2026-12-31T21:00Z', '2027-01-07T21:00Z']);
  });

  it('lists the occurrences in a window, from inclusive, to exclusive', () => {
    const m = meeting('weekly', 'Wed', '1400');
    const got = occurrencesBetween(m, utc('2026-12-02T14:00Z'), utc('2026-12-16T14:00Z')).map((o) => o.start.toUTC().toISODate());
    assert.deepEqual(got, ['2026-12-02', '2026-12-09']);
  });

  it('puts the first meeting of each month at its override location', () => {
    const m = meeting('weekly', 'Wed', '1400', { locationOverrides: [{ when: 'first-of-month', location: 'video call at https://meet.example.org/rdo' }] });
    const got = nextOccurrences(m, utc('2026-11-20T00:00Z'), 3).map((o) => `${o.start.toUTC().toISODate()} ${o.location}`);
    assert.deepEqual(got, ['2026-11-25 #rdo', '2026-12-02 video call at https://meet.example.org/rdo', '2026-12-09 #rdo']);
  });
});
