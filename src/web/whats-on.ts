import type { DateTime } from 'luxon';
import type { ArchiveReader } from '../archive/archive-at.js';
import type { Post, PostKind } from '../archive/post.js';
import { instantOn, isSkipped, locationOn, occurrencesBetween, ruleDates } from '../schedule/recurrence.js';
import type { Meeting, Occurrence, TestDay } from '../schedule/types.js';
import { knownEntries } from '../schedule/entry-kind.js';

/** How far ahead the page looks. */
export const WINDOW_DAYS = 14;
/** Longest a meeting may run, so one that started before now is still found as "on now". */
const RUNNING_LOOKBACK_HOURS = 24;

export interface PageLimits {
  interviews: number;
  posts: number;
}

export const DEFAULT_LIMITS: PageLimits = { interviews: 5, posts: 10 };

/** A meeting slot in the window: a real occurrence, or one the definition skips (and why). */
export interface MeetingSlot {
  occurrence: Occurrence;
  skipped?: { reason?: string };
}

/** Everything the community page (and its JSON) shows, computed from the bot's current data at one instant. */
export interface WhatsOn {
  now: DateTime;
  until: DateTime;
  /** Occurrences that have not ended and start before `until`, and skipped dates in the window, by start. */
  meetings: MeetingSlot[];
  /** Test and doc days that overlap the window, by start. */
  testDays: TestDay[];
  /** The next test day after the window, when none falls inside it. */
  nextTestDay?: TestDay;
  interviews: Post[];
  posts: Post[];
}

export interface ScheduleData {
  meetings: Meeting[];
  testDays: TestDay[];
  /** Meetings run in channels (#startmeeting … #endmeeting), newest first: one ended is over, whatever its slot says. */
  runs?: RecordedRun[];
}

/** A meeting recorded in a channel: where, and when it started and ended (ms). */
export interface RecordedRun {
  room: string;
  definition: string | null;
  started: number;
  ended: number | null;
}

/** How early a meeting may be started before its slot and still be that slot's meeting. */
const EARLY_START_MS = 60 * 60_000;
const channelOf = (location: string) => location.trim().toLowerCase().replace(/^[a-z]+:/, '');

/**
 * A scheduled occurrence that a recorded meeting ended (`#endmeeting`) before now: the slot says "on now" until its
 * hour is up, the channel says it is over. Matched by the irc-meetings definition, else by the channel.
 */
export function endedEarly(o: Occurrence, runs: readonly RecordedRun[], now: DateTime): boolean {
  const from = o.start.toMillis() - EARLY_START_MS;
  return runs.some(
    (r) => r.ended !== null && r.ended <= now.toMillis() && r.started >= from && r.started < o.end.toMillis() && (r.definition === o.meeting.id || channelOf(r.room) === channelOf(o.location)),
  );
}

export const isRunning = (start: DateTime, end: DateTime, now: DateTime): boolean => start <= now && now < end;

/** Dates in [now, until) that a meeting's rule gives but its skip dates remove. */
function skippedSlots(meeting: Meeting, now: DateTime, until: DateTime): MeetingSlot[] {
  const out: MeetingSlot[] = [];
  for (const entry of meeting.schedules) {
    if (entry.skipDates.length === 0) continue;
    // A day early: the local date of an instant can be behind its UTC date.
    for (const date of ruleDates(entry, now.minus({ days: 1 }))) {
      const start = instantOn(entry, date);
      if (start >= until) break;
      if (start < now || !isSkipped(entry, date)) continue;
      const reason = entry.skipDates.find((s) => s.date === date.toISODate())?.reason;
      const occurrence = { meeting, schedule: entry, start, end: start.plus({ minutes: entry.durationMinutes }), location: locationOn(entry, date) };
      out.push({ occurrence, skipped: { reason } });
    }
  }
  return out;
}

const byStart = (a: MeetingSlot, b: MeetingSlot) =>
  a.occurrence.start.toMillis() - b.occurrence.start.toMillis() || a.occurrence.meeting.name.localeCompare(b.occurrence.meeting.name);

/** Meeting slots (held or skipped) that touch [from, to): held ones still running at `from` count. */
function slotsBetween(meetings: Meeting[], from: DateTime, to: DateTime): MeetingSlot[] {
  const lookback = from.minus({ hours: RUNNING_LOOKBACK_HOURS });
  return meetings
    .flatMap((m) => [
      ...occurrencesBetween(m, lookback, to)
        .filter((o) => o.end > from)
        .map((occurrence) => ({ occurrence })),
      ...skippedSlots(m, from, to),
    ])
    .sort(byStart);
}

const HOUR_MS = 3_600_000;

/** The first `count` posts of a kind, without filtering the whole archive on every page load. */
function newest(posts: Post[], kind: PostKind, count: number): Post[] {
  const out: Post[] = [];
  for (const p of posts) {
    if (out.length >= count) break;
    if (p.kinds.includes(kind)) out.push(p);
  }
  return out;
}

/**
 * Meeting slots are the costly part of the page (time-zone arithmetic for every occurrence): they are worked out once
 * per hour for the hour's whole window, and again at once when the definitions change (a reload makes a new list).
 */
export class SlotCache {
  private meetings: Meeting[] | null = null;
  private hour = NaN;
  private days = NaN;
  private slots: MeetingSlot[] = [];

  get(meetings: Meeting[], now: DateTime, days: number): MeetingSlot[] {
    const hour = Math.floor(now.toMillis() / HOUR_MS);
    if (meetings !== this.meetings || hour !== this.hour || days !== this.days) {
      const start = now.set({ minute: 0, second: 0, millisecond: 0 });
      this.slots = slotsBetween(meetings, start, start.plus({ days, hours: 1 }));
      Object.assign(this, { meetings, hour, days });
    }
    const until = now.plus({ days });
    return this.slots.filter(({ occurrence: o, skipped }) => o.start < until && (skipped ? o.start >= now : o.end > now));
  }
}

/** What is on now and in the next two weeks, and the newest interviews and posts. */
export function whatsOn(schedule: ScheduleData, archive: ArchiveReader, now: DateTime, limits: PageLimits = DEFAULT_LIMITS, cache = new SlotCache(), days = WINDOW_DAYS): WhatsOn {
  const until = now.plus({ days });
  // The page at its clock, like `!testday`: a test day read from a post published later is not known yet.
  const ahead = knownEntries(schedule.testDays, now).filter((t) => t.end > now).sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.title.localeCompare(b.title));
  const testDays = ahead.filter((t) => t.start < until);
  return {
    now,
    until,
    meetings: cache.get(schedule.meetings, now, days).filter((s) => s.skipped || !isRunning(s.occurrence.start, s.occurrence.end, now) || !endedEarly(s.occurrence, schedule.runs ?? [], now)),
    testDays,
    nextTestDay: testDays.length ? undefined : ahead[0],
    interviews: newest(archive.all(), 'interview', limits.interviews),
    posts: archive.all().slice(0, limits.posts),
  };
}
