import { DateTime } from 'luxon';
import type { Frequency, Meeting, Occurrence, ScheduleEntry } from './types.js';

/**
 * The recurrence rules of the irc-meetings format, on local dates in the entry's zone.
 * A week's parity is its ISO-8601 week number's, so in a 53-week year (2026) an odd-week
 * meeting happens in week 53 and again in week 1: that is the format's rule, not a bug.
 */
const QUAD_WEEK: Partial<Record<Frequency, number>> = {
  quadweekly: 0,
  'quadweekly-week-1': 1,
  'quadweekly-week-2': 2,
  'quadweekly-week-3': 3,
  // The reference tool gives "alternate" the same rotation slot as week-2.
  'quadweekly-alternate': 2,
};

/** ISO weekday of a `first-<day>` frequency, or undefined for the weekly kinds. */
export function monthlyWeekday(frequency: Frequency): number | undefined {
  const m = /^first-(monday|tuesday|wednesday|thursday|friday)$/.exec(frequency);
  return m ? ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].indexOf(m[1]) + 1 : undefined;
}

/** The ISO weekday an entry really happens on (a `first-<day>` frequency names its own day). */
export function effectiveWeekday(entry: ScheduleEntry): number {
  return monthlyWeekday(entry.frequency) ?? entry.weekday;
}

/** Does the rule (ignoring start date and skip dates) put a meeting on this local date of the right weekday? */
export function ruleMatches(frequency: Frequency, date: DateTime): boolean {
  switch (frequency) {
    case 'weekly':
      return true;
    case 'biweekly-odd':
      return date.weekNumber % 2 === 1;
    case 'biweekly-even':
      return date.weekNumber % 2 === 0;
    case 'adhoc':
      return false;
    default: {
      const quad = QUAD_WEEK[frequency];
      if (quad !== undefined) return date.weekNumber % 4 === quad;
      // first-<day>: the first such weekday of the month is always within its first seven days.
      return date.day <= 7;
    }
  }
}

const localDate = (d: DateTime) => d.toISODate()!;

/** The wall-clock instant of an entry on a local date; a time inside a DST gap moves forward, as luxon does. */
export function instantOn(entry: ScheduleEntry, date: DateTime): DateTime {
  const hour = Number(entry.time.slice(0, 2));
  const minute = Number(entry.time.slice(2, 4));
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone: entry.zone });
}

/** Scheduled local dates of one entry, from the week holding `from` on (start date applied, skip dates NOT applied). */
export function* ruleDates(entry: ScheduleEntry, from: DateTime): Generator<DateTime> {
  if (entry.frequency === 'adhoc') return;
  const weekday = effectiveWeekday(entry);
  let day = from.setZone(entry.zone).startOf('day');
  if (entry.startDate) {
    const start = entry.startDate.setZone(entry.zone, { keepLocalTime: true }).startOf('day');
    if (start > day) day = start;
  }
  // Step to the entry's weekday, then whole weeks; dates stay local, so DST never shifts them.
  day = day.plus({ days: (weekday - day.weekday + 7) % 7 });
  for (;;) {
    if (ruleMatches(entry.frequency, day)) yield day;
    day = day.plus({ weeks: 1 });
  }
}

/** Is the local date one of the entry's skip dates? */
export function isSkipped(entry: ScheduleEntry, date: DateTime): boolean {
  const iso = localDate(date);
  return entry.skipDates.some((s) => s.date === iso);
}

/** Where an occurrence on this local date happens, after per-occurrence overrides (first of the month …). */
export function locationOn(entry: ScheduleEntry, date: DateTime): string {
  for (const o of entry.locationOverrides ?? []) {
    if (o.when === 'first-of-month' && isFirstOfMonth(entry, date)) return o.location;
  }
  return entry.channel;
}

/**
 * The first date the rule gives in its month. Neither a start date nor a skipped first meeting moves the
 * video call to the second meeting: "the first Wednesday of the month" is a calendar fact, as in the feed.
 */
function isFirstOfMonth(entry: ScheduleEntry, date: DateTime): boolean {
  for (let d = date.minus({ weeks: 1 }); d.month === date.month; d = d.minus({ weeks: 1 })) {
    if (ruleMatches(entry.frequency, d)) return false;
  }
  return true;
}

function occurrenceOn(meeting: Meeting, entry: ScheduleEntry, date: DateTime): Occurrence {
  const start = instantOn(entry, date);
  return { meeting, schedule: entry, start, end: start.plus({ minutes: entry.durationMinutes }), location: locationOn(entry, date) };
}

/** Occurrences of one entry starting strictly after `after`, in order, without end (callers bound it). */
export function* entryOccurrences(meeting: Meeting, entry: ScheduleEntry, after: DateTime): Generator<Occurrence> {
  // Start a day early: the local date of an instant can be behind its UTC date.
  for (const date of ruleDates(entry, after.minus({ days: 1 }))) {
    if (isSkipped(entry, date)) continue;
    const occ = occurrenceOn(meeting, entry, date);
    if (occ.start > after) yield occ;
  }
}

const byStart = (a: Occurrence, b: Occurrence) => a.start.toMillis() - b.start.toMillis() || a.meeting.id.localeCompare(b.meeting.id);

/** The next `count` occurrences of a meeting (every schedule entry) starting strictly after `after`. */
export function nextOccurrences(meeting: Meeting, after: DateTime, count: number): Occurrence[] {
  const streams = meeting.schedules.map((e) => entryOccurrences(meeting, e, after));
  const heads = streams.map((s) => s.next());
  const out: Occurrence[] = [];
  while (out.length < count) {
    let best = -1;
    heads.forEach((h, i) => {
      if (!h.done && (best < 0 || byStart(h.value, heads[best].value as Occurrence) < 0)) best = i;
    });
    if (best < 0) break;
    out.push(heads[best].value as Occurrence);
    heads[best] = streams[best].next();
  }
  return out;
}

/** Occurrences with from <= start < to, in order. */
export function occurrencesBetween(meeting: Meeting, from: DateTime, to: DateTime): Occurrence[] {
  const out: Occurrence[] = [];
  const after = from.minus({ milliseconds: 1 });
  for (const entry of meeting.schedules) {
    for (const occ of entryOccurrences(meeting, entry, after)) {
      if (occ.start >= to) break;
      out.push(occ);
    }
  }
  return out.sort(byStart);
}

/** Which weeks a four-weekly meeting is on, in plain words rather than "ISO week mod 4 = 1": "weeks 1, 5, 9 … of the year". */
function fourthWeeks(quad: number): string {
  const first = quad === 0 ? 4 : quad;
  return `weeks ${first}, ${first + 4}, ${first + 8} … of the year`;
}

/** "Weekly on Wednesday at 14:00 UTC", for lists and calendar descriptions. */
export function describeEntry(entry: ScheduleEntry): string {
  const day = DateTime.fromObject({ year: 2024, month: 1, day: effectiveWeekday(entry) }).toFormat('cccc');
  const at = `${entry.time.slice(0, 2)}:${entry.time.slice(2)} ${entry.zone}`;
  const rule: Record<string, string> = {
    weekly: `every ${day}`,
    'biweekly-odd': `${day} of odd ISO weeks`,
    'biweekly-even': `${day} of even ISO weeks`,
    adhoc: 'as needed (no fixed schedule)',
  };
  const quad = QUAD_WEEK[entry.frequency];
  const text = rule[entry.frequency] ?? (quad !== undefined ? `${day} every fourth week (${fourthWeeks(quad)})` : `first ${day} of the month`);
  return entry.frequency === 'adhoc' ? text : `${text} at ${at}`;
}
