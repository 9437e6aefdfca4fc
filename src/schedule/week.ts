import { DateTime } from 'luxon';
import type { Post } from '../archive/post.js';
import { occurrencesBetween } from './recurrence.js';
import type { Meeting, Occurrence, TestDay } from './types.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A span of local time: the coming seven days, or one local day (today, tomorrow, the next Friday). */
export interface Span {
  from: DateTime;
  to: DateTime;
  /** "the coming 7 days", "today", "Friday". */
  label: string;
}

/**
 * The span a `!week` question covers, in the asker's zone. Days are local days, so one that a DST change makes
 * 23 or 25 hours long is still exactly one day.
 */
export function spanOf(day: string | undefined, now: DateTime, zone: string): Span | null {
  const local = now.setZone(zone);
  if (!day) return { from: now, to: now.plus({ days: 7 }), label: 'the coming 7 days' };
  const word = day.toLowerCase();
  let date: DateTime;
  if (word === 'today') date = local;
  else if (word === 'tomorrow') date = local.plus({ days: 1 });
  else {
    const index = WEEKDAYS.findIndex((d) => d === word || d.slice(0, 3) === word);
    if (index < 0) return null;
    date = local.plus({ days: (index + 1 - local.weekday + 7) % 7 });
  }
  const from = date.startOf('day');
  const label = word === 'today' || word === 'tomorrow' ? word : date.toFormat('cccc');
  return { from, to: from.plus({ days: 1 }), label };
}

export type WeekEntry =
  | { kind: 'meeting'; at: DateTime; occurrence: Occurrence }
  | { kind: 'testday'; at: DateTime; testDay: TestDay }
  | { kind: 'post'; at: DateTime; post: Post };

/**
 * What happens in a span: meeting occurrences running in it, test days overlapping it, and the posts that are new
 * then. A span starting now also looks back a week for posts ("new this week"), since a post's date is past.
 */
export function weekEntries(span: Span, meetings: Meeting[], testDays: TestDay[], posts: Post[], now: DateTime): WeekEntry[] {
  const entries: WeekEntry[] = [];
  for (const m of meetings) {
    // From a day early, so a meeting that started before the span and is still running is listed.
    for (const o of occurrencesBetween(m, span.from.minus({ days: 1 }), span.to)) if (o.end > span.from) entries.push({ kind: 'meeting', at: o.start, occurrence: o });
  }
  for (const t of testDays) if (t.start < span.to && t.end > span.from) entries.push({ kind: 'testday', at: t.start, testDay: t });
  const postsFrom = span.from.toMillis() === now.toMillis() ? now.minus({ days: 7 }) : span.from;
  // A post dated after now is not written yet, whatever day the span is: it is not new.
  for (const p of posts) if (p.date >= postsFrom && p.date < span.to && p.date <= now) entries.push({ kind: 'post', at: p.date, post: p });
  const order = { testday: 0, meeting: 1, post: 2 };
  return entries.sort((a, b) => a.at.toMillis() - b.at.toMillis() || order[a.kind] - order[b.kind]);
}
