import { createRequire } from 'node:module';
import type * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { ZONE_WORDS } from './cues.js';

/** chrono-node, loaded when a first sentence is read: most starts read none, and it weighs a few megabytes. */
let reader: typeof chrono | undefined;
const chronoNode = (): typeof chrono => (reader ??= createRequire(import.meta.url)('chrono-node') as typeof chrono);

/** The date (or span) one announcing sentence gives, as chrono-node read it. */
export interface DateRead {
  start: DateTime;
  /** Exclusive: the day after the last day, or the end of the given time (an hour after its start when none is said). */
  end: DateTime;
  /** True when the sentence gives days only: the entry spans whole days in the post's zone. */
  allDay: boolean;
  /** The words the dates were read from. */
  text: string;
  /** How precisely they name the day: a date, a weekday, or "today"/"tomorrow". */
  rank: Rank;
}

/** How precisely a reading names its day; a sentence's most precise reading is the one taken. */
export const RANK = { date: 3, weekday: 2, casual: 1 } as const;
export type Rank = keyof typeof RANK;

interface Reading {
  rank: Rank | 'time';
  /** Where its words start and end in the sentence (a list's last item ends it). */
  index: number;
  endIndex: number;
  first: chrono.ParsedComponents;
  /** The last day of a span or list. */
  last: chrono.ParsedComponents;
  /** The time said with the day, when it is said apart from it: "October 31st, at 4pm GMT". */
  time?: chrono.ParsedComponents;
  /** The end of a time span: "from 5 to 8pm". */
  timeEnd?: chrono.ParsedComponents;
}

const JOINS = /^\s*(?:,|&|\/|and|to|through|thru|until|-|–|—)?\s*(?:and\s+)?$/i;
/** Between a day and its time: "October 31st), at 4pm GMT". */
const TIME_AFTER_DAY = /^[\s,)(]*(?:at|from)?\s*$/i;
/**
 * A list of day numbers after (or before) a month, which the reader takes only the first of, written as the span it
 * means: "August 10th and 11th" → "August 10th-11th", "January 7/8", "March 10, 11", "19th, 20th, and 21st",
 * "6th through 9th", "Thursday 3rd and Friday 4th".
 * Not a date grammar: the reader still reads the result; this only joins the list. Never before a colon or a year.
 */
const WEEKDAY_BETWEEN = String.raw`(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?:the\s+)?)?`;
/** "9 until 5" is hours: "through", "until" and "to" join only a day said as one ("6th through 9th", "the 12th to the 15th"). */
const DAY_LIST = new RegExp(
  String.raw`\b(\d{1,2}(?:st|nd|rd|th)?)((?:(?:\s*(?:,\s*and|,|&|\/|and|[-–—])\s*${WEEKDAY_BETWEEN}\d{1,2}(?:st|nd|rd|th)?|\s*(?:through|thru|until|till|to)\s*(?:the\s+)?${WEEKDAY_BETWEEN}\d{1,2}(?:st|nd|rd|th))\b(?![:.]\d))+)(?!\s*(?:[ap]\.?m\b|\d))`,
  'gi',
);

const NEXT_WEEK = /\bnext\s+week\b/i;
const LAST_WEEK = /\b(?:last|past|previous)\s+week(?:end)?\b|\bago\b/i;

function prepare(sentence: string): string {
  let text = sentence.replace(DAY_LIST, (whole, first: string, rest: string) => `${first}-${rest.match(/\d{1,2}(?:st|nd|rd|th)?\s*$/i)?.[0]?.trim() ?? ''}`);
  for (const [pattern, abbreviation] of ZONE_WORDS) text = text.replace(pattern, abbreviation);
  return text;
}

/** "'s IRC meeting" after "today": the day belongs to what follows, which is the event only if the cue names it there. */
const POSSESSIVE = /^['’]s\s+((?:[\p{L}\d/-]+\s+){0,3}[\p{L}\d/-]+)/u;
function possessiveOfSomethingElse(after: string, cue?: RegExp): boolean {
  const owned = POSSESSIVE.exec(after);
  if (!owned) return false;
  return !cue || !new RegExp(cue.source, cue.flags.replace('g', '')).test(owned[1]);
}

function rankOf(r: chrono.ParsedResult): Rank | 'time' | null {
  const tags = r.tags();
  // "next week", "in two weeks", "a few weeks away": a week, not a day; never made into one.
  if (tags.has('result/relativeDate')) return null;
  const casual = [...tags].filter((t) => t.startsWith('casualReference/'));
  // "today", "tomorrow", "tonight"; never "now" ("now available"), which says nothing of an event's day.
  if (casual.some((t) => /\/(?:today|tomorrow|tonight)$/.test(t))) return 'casual';
  // "now", "yesterday", "last night": never an event to come. ("Tuesday evening" is a weekday with a part of the day.)
  if (casual.some((t) => /\/(?:now|yesterday|last)/.test(t))) return null;
  if (r.start.isCertain('month') && r.start.isCertain('day')) return 'date';
  if (r.start.isCertain('weekday')) return 'weekday';
  if (r.start.isCertain('hour')) return 'time';
  return null;
}

const dayOf = (c: chrono.ParsedComponents, zone: string) => DateTime.fromObject({ year: c.get('year')!, month: c.get('month')!, day: c.get('day')! }, { zone });

/** A day at a time: in the time's own zone when it says one, else in the post's. */
function instantOf(day: chrono.ParsedComponents, time: chrono.ParsedComponents, zone: string): DateTime {
  const offset = time.isCertain('timezoneOffset') ? time.get('timezoneOffset') : null;
  const local = { year: day.get('year')!, month: day.get('month')!, day: day.get('day')!, hour: time.get('hour') ?? 0, minute: time.get('minute') ?? 0 };
  return offset === null || offset === undefined
    ? DateTime.fromObject(local, { zone })
    : DateTime.fromObject(local, { zone: offset === 0 ? 'UTC' : `UTC${offset > 0 ? '+' : '-'}${Math.floor(Math.abs(offset) / 60)}:${String(Math.abs(offset) % 60).padStart(2, '0')}` });
}

/**
 * The date a sentence announces, read relative to the post's date in its zone (chrono-node: absolute dates, "today",
 * "tomorrow", weekdays, spans, times with zones). The most precise reading wins: "Thursday and Friday of next week
 * (August 10th and 11th)" gives August 10–11; of two dates, the one nearer the words naming the event (`cue`): "due
 * the week of September 9th, we're planning a test day on September 10th and 11th" gives September 10–11; a date
 * nearer words of something `elsewhere` (a release, a deadline) is not the event's. Weeks without a day ("next week")
 * give nothing, and so does a date before the post or more than ~10 months after it (an announcement is of something
 * to come). Without `knownZone`
 * days are UTC's and a time said without a zone gives only its day.
 */
export function readAnnouncedDate(sentence: string, posted: DateTime, knownZone?: string, cue?: RegExp, elsewhere?: RegExp): DateRead | null {
  const zone = knownZone ?? 'UTC';
  const text = prepare(sentence);
  const named = cue ? text.search(cue) : -1;
  /** How far a reading is from the words naming the event: of two dates, the nearer one is the event's. */
  const from = (at: number, r: Reading) => (r.index > at ? r.index - at : Math.max(0, at - r.endIndex));
  const distance = (r: Reading) => (named < 0 ? r.index : from(named, r));
  /** Words naming something else the sentence dates ("the M3 release, due on August 3rd"): a date nearer them is theirs. */
  const others = cue && elsewhere ? [...text.matchAll(new RegExp(elsewhere.source, 'gi'))].map((m) => m.index) : [];
  const theEvents = (r: Reading) => named < 0 || others.every((at) => from(at, r) >= distance(r));
  const local = posted.setZone(zone);
  const results = chronoNode().parse(text, { instant: posted.toJSDate(), timezone: local.offset }, { forwardDate: true });
  const readings: Reading[] = [];
  for (const result of results) {
    const rank = rankOf(result);
    if (!rank) continue;
    // "In today's IRC meeting we talked about the test day": today is the meeting's day, not the test day's.
    if (rank === 'casual' && possessiveOfSomethingElse(text.slice(result.index + result.text.length), cue)) continue;
    const previous = readings.at(-1);
    const gap = previous ? text.slice(previous.endIndex, result.index) : '';
    const endIndex = result.index + result.text.length;
    if (previous && rank === 'time' && previous.rank !== 'time' && !previous.time && TIME_AFTER_DAY.test(gap)) {
      // "on Thursday (October 31st), at 4pm GMT": the time belongs to the day before it.
      Object.assign(previous, { time: result.start, timeEnd: result.end, endIndex });
      continue;
    }
    if (previous && rank === previous.rank && rank !== 'time' && !previous.time && JOINS.test(gap)) {
      Object.assign(previous, { last: result.end ?? result.start, endIndex });
      continue;
    }
    const hasTime = result.start.isCertain('hour');
    readings.push({
      rank, index: result.index, endIndex, first: result.start, last: result.end ?? result.start,
      ...(hasTime ? { time: result.start, timeEnd: result.end } : {}),
    });
  }
  const best = readings.filter((r) => r.rank !== 'time' && theEvents(r)).sort((a, b) => RANK[b.rank as Rank] - RANK[a.rank as Rank] || distance(a) - distance(b))[0];
  if (!best) return null;
  let start = dayOf(best.first, zone);
  let last = dayOf(best.last, zone);
  // "Thursday and Friday of next week": a weekday before a later one is in the same week as it.
  if (best.rank === 'weekday' && last > start) {
    const back = last.weekday - ((best.first.get('weekday') ?? 0) || 7);
    if (back >= 0) start = last.minus({ days: back });
  }
  // "Last week I arrived on a rainy Thursday evening": a weekday of a week gone by.
  if (best.rank === 'weekday' && LAST_WEEK.test(text)) return null;
  // "at the Summit next week, join us on Wednesday": the weekday is of the week the sentence says, not the post's.
  if (best.rank === 'weekday' && NEXT_WEEK.test(text) && start.hasSame(local, 'week')) {
    start = start.plus({ weeks: 1 });
    last = last.plus({ weeks: 1 });
  }
  let read: Omit<DateRead, 'text' | 'rank'>;
  // A time without its zone ("from 5 to 8pm" in Barcelona) is the post's zone's only when that zone is known.
  const timeSaid = best.time && (knownZone !== undefined || best.time.isCertain('timezoneOffset'));
  if (timeSaid && best.time && +last === +start) {
    const at = instantOf(best.first, best.time, zone);
    const until = best.timeEnd?.isCertain('hour') ? instantOf(best.first, best.timeEnd, zone) : undefined;
    read = { start: at, end: until && until > at ? until : at.plus({ hours: 1 }), allDay: false };
  } else {
    read = { start, end: (last < start ? start : last).plus({ days: 1 }), allDay: true };
  }
  const day0 = local.startOf('day');
  if (read.start < day0 || read.start > day0.plus({ days: 300 })) return null;
  return { ...read, rank: best.rank as Rank, text: text.slice(best.index, best.endIndex).replace(/[\s,(]+$/, '').trim() };
}
