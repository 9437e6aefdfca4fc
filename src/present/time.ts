import type { DateTime } from 'luxon';
import { noteTime } from '../core/times.js';

const DAY_MIN = 1440;

/** "3 h 20 min", "2 d 4 h", "12 min", "less than a minute": two units at most, in minutes rounded down (or by `round`). */
export function spanText(ms: number, round: (minutes: number) => number = Math.floor): string {
  const minutes = round(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const d = Math.floor(minutes / DAY_MIN);
  const h = Math.floor((minutes % DAY_MIN) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/**
 * How far away an instant is, as people say it: "in 3 h 20 min", "5 min ago", "in 10 days", "3 weeks ago", and past
 * eight weeks the date itself ("on 2007-03-14"), since "3366 d 12 h ago" says nothing a reader can use.
 */
export function relative(at: DateTime, now: DateTime, zone = 'UTC'): string {
  const ms = at.toMillis() - now.toMillis();
  const days = Math.abs(ms) / (DAY_MIN * 60_000);
  let span: string;
  if (days < 7) span = spanText(ms);
  else if (days < 14) span = `${Math.floor(days)} days`;
  else if (days < 56) span = `${Math.round(days / 7)} weeks`;
  else return `on ${at.setZone(zone).toFormat('yyyy-MM-dd')}`;
  return ms >= 0 ? `in ${span}` : `${span} ago`;
}

/** True when `relative` answers with a date rather than a distance. */
export function isFar(at: DateTime, now: DateTime): boolean {
  return Math.abs(at.toMillis() - now.toMillis()) >= 56 * DAY_MIN * 60_000;
}

const LONG = 'ccc yyyy-MM-dd HH:mm';
const SHORT = 'ccc d LLL HH:mm';

/**
 * A time in the reader's zone with UTC beside it once, and what else is said of it in the same bracket (one bracket
 * per time): "Wed 2026-11-25 15:00 Europe/Paris (14:00 UTC, in 2 h)", "Wed 2026-11-25 14:00 UTC (in 2 h)". The
 * UTC time carries its weekday when it falls on another day. `named` says the zone after the local time; a list
 * whose heading names the zone leaves it out ("Thu 26 Nov 15:00 (14:00 UTC)").
 */
function timeWithUtc(at: DateTime, zone: string, format: string, named: boolean, extras: string[]): string {
  const utc = at.toUTC();
  const tail = extras.length ? ` (${extras.join(', ')})` : '';
  if (zone === 'UTC') return `${shown(`${utc.toFormat(format)} UTC`, at)}${tail}`;
  const local = at.setZone(zone);
  const sameDay = local.toISODate() === utc.toISODate();
  const localText = `${local.toFormat(format)}${named ? ` ${zone}` : ''}`;
  const utcText = `${utc.toFormat(sameDay ? 'HH:mm' : 'ccc HH:mm')} UTC`;
  // Slack shows the noted text in each reader's zone: the whole time when nothing else is in the bracket.
  if (!extras.length) return shown(`${localText} (${utcText})`, at);
  return `${shown(localText, at)} (${[utcText, ...extras].join(', ')})`;
}

/**
 * "Wed 2026-11-25 14:00 UTC"; in another zone, local time first and UTC beside it:
 * "Wed 2026-11-25 15:00 Europe/Paris (14:00 UTC)", "Thu 2026-11-26 01:00 Asia/Tokyo (Wed 16:00 UTC)". What else is
 * said of the time (how soon) joins the same bracket: "… Europe/Paris (14:00 UTC, in 4 d 19 h)".
 */
export function whenText(at: DateTime, zone: string, ...extras: string[]): string {
  return timeWithUtc(at, zone, LONG, true, extras);
}

/** A time in a list whose heading names the zone: "Thu 26 Nov 15:00 (14:00 UTC, in 2 h)", "Thu 26 Nov 14:00 UTC (in 2 h)". */
export function listTimeText(at: DateTime, zone: string, ...extras: string[]): string {
  return timeWithUtc(at, zone, SHORT, false, extras);
}

/** A short time with its zone: "Fri 20 Nov 13:00 Europe/Paris (12:00 UTC)", "Fri 20 Nov 12:00 UTC". */
export function shortWhenText(at: DateTime, zone: string, ...extras: string[]): string {
  return timeWithUtc(at, zone, SHORT, true, extras);
}

/** A span in a list whose heading names the zone: "Tue 27 Oct 01:00 to Wed 28 Oct 00:59 (Tue 27 Oct 00:00–23:59 UTC)". */
export function listSpanText(start: DateTime, end: DateTime, zone: string): string {
  const utc = `${shortSpan(start.toUTC(), end.toUTC())} UTC`;
  if (zone === 'UTC') return shown(utc, start);
  const local = start.setZone(zone);
  const localEnd = end.setZone(zone);
  return `${shown(local.toFormat(SHORT), start)} to ${shown(localEnd.toFormat(SHORT), end)} (${utc})`;
}

function shortSpan(start: DateTime, end: DateTime): string {
  return start.toISODate() === end.toISODate() ? `${start.toFormat(SHORT)}–${end.toFormat('HH:mm')}` : `${start.toFormat(SHORT)} to ${end.toFormat(SHORT)}`;
}

/** A day in a zone, as headings say it: "Sun 25 Oct". */
export function dayText(at: DateTime, zone: string): string {
  return at.setZone(zone).toFormat('ccc d LLL');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
// The same text as toFormat('yyyy-MM-dd') and toFormat('HH:mm'), without parsing a pattern for each of many posts.
const isoDay = (d: DateTime) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
const hhmm = (d: DateTime) => `${pad(d.hour)}:${pad(d.minute)}`;

/**
 * A date and time without the weekday, for posts and other moments: "2016-05-06 20:08 UTC"; in another zone local
 * first and UTC beside it, "2016-05-06 22:08 Europe/Paris (20:08 UTC)", with the UTC date when it differs (a post
 * of 05-06 is still one of 05-06 in Asia/Kolkata): "2016-05-07 01:38 Asia/Kolkata (2016-05-06 20:08 UTC)".
 */
export function dateTimeText(at: DateTime, zone: string): string {
  const key = `${at.toMillis()} ${zone}`;
  let text = DATE_TIME_TEXTS.get(key);
  if (text === undefined) {
    text = dateTimeTextOf(at, zone);
    if (DATE_TIME_TEXTS.size >= DATE_TIME_TEXTS_MAX) DATE_TIME_TEXTS.clear();
    DATE_TIME_TEXTS.set(key, text);
  }
  return shown(text, at);
}

/**
 * Texts made lately, by instant and zone: a bot asked the same thing again and again (a burst of `!interview latest`)
 * writes the same post's date on every answer, and two zone conversions cost more than the rest of the line. Bounded:
 * emptied when full.
 */
const DATE_TIME_TEXTS = new Map<string, string>();
const DATE_TIME_TEXTS_MAX = 4096;

function dateTimeTextOf(at: DateTime, zone: string): string {
  const utc = at.toUTC();
  if (zone === 'UTC') return `${isoDay(utc)} ${hhmm(utc)} UTC`;
  const local = at.setZone(zone);
  const sameDay = local.day === utc.day && local.month === utc.month && local.year === utc.year;
  return `${isoDay(local)} ${hhmm(local)} ${zone} (${sameDay ? '' : `${isoDay(utc)} `}${hhmm(utc)} UTC)`;
}

/** When a post was published (see dateTimeText). */
export const postDateText = dateTimeText;

/** "15:00 UTC": a time of the same day as one already shown. */
export function utcClockText(at: DateTime): string {
  return `${hhmm(at.toUTC())} UTC`;
}

/** "Thu 26 Nov 14:00 UTC". */
export function utcShortText(at: DateTime): string {
  return shown(`${at.toUTC().toFormat(SHORT)} UTC`, at);
}

/** "12:30": a time of today in the reader's zone, where the zone is said once elsewhere. */
export function clockText(at: DateTime, zone: string): string {
  return hhmm(at.setZone(zone));
}

/** "13:00 on Wed 25 Nov": what the clock says in a zone now. */
export function clockDayText(at: DateTime, zone: string): string {
  return at.setZone(zone).toFormat("HH:mm 'on' ccc d LLL");
}

/** "Wed 2026-11-25": a calendar date in a zone. */
export function dateText(at: DateTime, zone: string): string {
  return at.setZone(zone).toFormat('ccc yyyy-MM-dd');
}

/** "2026-11-25": a calendar date in UTC, for what happened on a day (a meeting held, a test day past). */
export function utcDayText(at: DateTime): string {
  return isoDay(at.toUTC());
}

/** "2026-11-25 14:00": a UTC date and time whose zone the line says once. */
export function utcDayTimeText(at: DateTime): string {
  const utc = at.toUTC();
  return `${isoDay(utc)} ${hhmm(utc)}`;
}

/** Every time a reply shows is noted with its instant, for adapters that render times natively. */
function shown(text: string, at: DateTime): string {
  noteTime(text, at);
  return text;
}

/** "Thu 2017-08-03 00:01 to Fri 2017-08-04 23:59", or "Thu 2027-02-04 00:00–23:59" within one day. */
function span(start: DateTime, end: DateTime): string {
  const fmt = 'ccc yyyy-MM-dd HH:mm';
  return start.toISODate() === end.toISODate() ? `${start.toFormat(fmt)}–${end.toFormat('HH:mm')}` : `${start.toFormat(fmt)} to ${end.toFormat(fmt)}`;
}

/** A span of days, each end said once: "Thu 2017-08-03 00:01 to Fri 2017-08-04 23:59 UTC" (local first with --tz). */
export function spanWhenText(start: DateTime, end: DateTime, zone: string): string {
  const utc = span(start.toUTC(), end.toUTC());
  if (zone === 'UTC') return shown(`${utc} UTC`, start);
  return shown(`${span(start.setZone(zone), end.setZone(zone))} ${zone} (${utc} UTC)`, start);
}

/** A wall-clock time in a definition's own zone, for reminders: "Wed 2026-11-25 14:00 UTC", "Wed … 09:00 Europe/Paris". */
export function localTimeText(at: DateTime, zone: string): string {
  return shown(`${at.setZone(zone).toFormat('ccc yyyy-MM-dd HH:mm')} ${zone}`, at);
}

/** A meeting's time in its definition's zone, UTC beside it when that is not UTC: "Tue 2026-12-01 09:00 Europe/Paris (08:00 UTC)". */
export function definitionTimeText(at: DateTime, zone: string): string {
  const local = localTimeText(at, zone);
  return zone === 'UTC' ? local : `${local} (${hhmm(at.toUTC())} UTC)`;
}

/** Where a meeting is, as a phrase: "in #rdo" for a channel, the location text as it is otherwise ("video call at …"). */
export function placeText(location: string): string {
  return /^[#&!]/.test(location) ? `in ${location}` : location;
}
