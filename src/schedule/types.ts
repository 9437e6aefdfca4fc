import type { DateTime } from 'luxon';

/** Recurrence rules of the OpenStack irc-meetings format, plus `adhoc` (listed, never scheduled). */
export const FREQUENCIES = [
  'weekly',
  'biweekly-odd',
  'biweekly-even',
  'quadweekly',
  'quadweekly-week-1',
  'quadweekly-week-2',
  'quadweekly-week-3',
  'quadweekly-alternate',
  'first-monday',
  'first-tuesday',
  'first-wednesday',
  'first-thursday',
  'first-friday',
  'adhoc',
] as const;

export type Frequency = (typeof FREQUENCIES)[number];

/** One `schedule:` entry of a meeting. */
export interface ScheduleEntry {
  /** Local wall-clock time in `zone`, 'HHMM'. */
  time: string;
  /** ISO weekday 1 (Monday) … 7 (Sunday). */
  weekday: number;
  /** Where it happens: an IRC channel name (without network) or a location text. */
  channel: string;
  frequency: Frequency;
  /** IANA zone of `time`; UTC unless the definition names one. */
  zone: string;
  /** First possible day (local, in `zone`). */
  startDate?: DateTime;
  durationMinutes: number;
  /** Local dates (yyyy-MM-dd) with no meeting, and why. */
  skipDates: { date: string; reason?: string }[];
  /**
   * Per-occurrence location overrides, e.g. the first meeting of the month is a video call.
   * `when: 'first-of-month'` applies to the first occurrence in each calendar month.
   */
  locationOverrides?: { when: 'first-of-month'; location: string }[];
}

export interface Meeting {
  /** Stable id: `meeting_id`, or the file name without extension. */
  id: string;
  name: string;
  chair?: string;
  description?: string;
  agendaUrl?: string;
  schedules: ScheduleEntry[];
  /** File it was defined in (or 'config'). */
  source: string;
}

/** One concrete meeting instance. */
export interface Occurrence {
  meeting: Meeting;
  schedule: ScheduleEntry;
  start: DateTime;
  end: DateTime;
  /** Channel or location text for this occurrence (after overrides). */
  location: string;
}

export interface TestDay {
  id: string;
  title: string;
  /**
   * A test day, or a documentation day (listed with test days, labelled), or another community event a post announces
   * (a meetup, a summit …: on the week and the calendar, never a test day). Absent means a test day.
   */
  kind?: 'testday' | 'docday' | 'event';
  /** For an event: what it is (meetup, summit, hangout …). */
  what?: string;
  start: DateTime;
  end: DateTime;
  location?: string;
  description?: string;
  link?: string;
  /** Events file or post it came from. */
  source: string;
  /**
   * When it was announced, for an entry read from a post: the post's date. Before then nobody knew of it, so at an
   * earlier `--now` it is unknown (entry-kind.ts, knownAt). Events files have none: they are known all along.
   */
  announced?: DateTime;
}

export interface DefinitionWarning {
  file: string;
  line?: number;
  reason: string;
}

/** Meetings and test days, replaced as a whole on every (re)load. */
export interface Schedule {
  meetings: Meeting[];
  testDays: TestDay[];
  warnings: DefinitionWarning[];
}
