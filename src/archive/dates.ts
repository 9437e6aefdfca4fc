import { DateTime, FixedOffsetZone } from 'luxon';

/**
 * Zone abbreviations seen in blog front matter, as UTC offsets in minutes. Abbreviations are
 * ambiguous (IST is India, Ireland and Israel); this table says which one the RDO blog meant.
 */
export const ZONE_ABBREVIATIONS: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  IST: 330,
  JST: 540,
  AEST: 600,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

const LAYOUT = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(.*)$/;

/** The last text matched against LAYOUT, and its match: a post's date is read by parsePostDate, then by writtenZone. */
let lastText: string | undefined;
let lastMatch: RegExpExecArray | null = null;

function layoutOf(text: string): RegExpExecArray | null {
  if (text !== lastText) {
    lastMatch = LAYOUT.exec(text);
    lastText = text;
  }
  return lastMatch;
}

/**
 * A front-matter date: `2016-05-06 20:08:42 UTC`, `2013-04-13 12:00:00` (no zone = UTC),
 * `2016-03-02 22:20:36 IST`, `+02:00` offsets, IANA names, or ISO-8601. Returns UTC, or an error text.
 */
export function parsePostDate(value: unknown, abbreviations = ZONE_ABBREVIATIONS): DateTime | string {
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' });
  if (typeof value !== 'string' && typeof value !== 'number') return 'no date';
  const text = String(value).trim();
  const m = layoutOf(text);
  if (!m) {
    const iso = DateTime.fromISO(text, { zone: 'utc', setZone: true });
    return iso.isValid ? iso.toUTC() : `unreadable date '${text}'`;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', zoneText] = m;
  const parts = { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s };
  const zone = zoneText.trim();
  const fast = plainInstant(parts, zone, abbreviations);
  if (fast !== undefined) return DateTime.fromMillis(fast, { zone: FixedOffsetZone.utcInstance });
  let local: DateTime;
  if (zone === '') local = DateTime.fromObject(parts, { zone: 'utc' });
  else if (zone.toUpperCase() in abbreviations) {
    local = DateTime.fromObject(parts, { zone: 'utc' }).minus({ minutes: abbreviations[zone.toUpperCase()] });
  } else if (/^[+-]\d{2}:?\d{2}$/.test(zone)) {
    local = DateTime.fromObject(parts, { zone: `UTC${zone.slice(0, 3)}:${zone.slice(-2)}` });
  } else {
    local = DateTime.fromObject(parts, { zone });
    if (!local.isValid) return `unknown time zone '${zone}' in date '${text}'`;
  }
  return local.isValid ? local.toUTC() : `impossible date '${text}'`;
}

/**
 * The instant of an ordinary date in UTC or a known abbreviation, by arithmetic: what luxon gives, without the cost of
 * building and shifting a DateTime (a tenth of a cold start over ten thousand posts). Anything unusual (an offset, a
 * zone name, a year before 1000, a date or time out of range) is left to luxon: undefined.
 */
function plainInstant(p: { year: number; month: number; day: number; hour: number; minute: number; second: number }, zone: string, abbreviations: Record<string, number>): number | undefined {
  const offset = zone === '' ? 0 : abbreviations[zone.toUpperCase()];
  if (typeof offset !== 'number' || !Number.isInteger(offset)) return undefined;
  if (p.year < 1000 || p.month < 1 || p.month > 12 || p.day < 1 || p.hour > 23 || p.minute > 59 || p.second > 59) return undefined;
  if (p.day > daysIn(p.year, p.month)) return undefined;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - offset * 60_000;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the proleptic Gregorian calendar, as Date counts them. */
const daysIn = (year: number, month: number): number => (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month - 1]);

/**
 * The zone a front-matter date is written in, when it says one other than UTC: "2016-03-02 22:20:36 IST" → "UTC+5:30",
 * "+02:00" → "UTC+2", "Europe/Paris" as it is. The post's relative words ("tomorrow", "at 3pm") are read in it.
 */
export function writtenZone(value: unknown, abbreviations = ZONE_ABBREVIATIONS): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const m = layoutOf(text);
  if (!m) {
    const iso = DateTime.fromISO(text, { setZone: true });
    return iso.isValid && iso.offset !== 0 ? iso.zone.name : undefined;
  }
  const zone = m[7].trim();
  if (zone === '' || /^(?:utc|gmt|z)$/i.test(zone)) return undefined;
  if (zone.toUpperCase() in abbreviations) return abbreviations[zone.toUpperCase()] === 0 ? undefined : FixedOffsetZone.instance(abbreviations[zone.toUpperCase()]).name;
  if (/^[+-]\d{2}:?\d{2}$/.test(zone)) {
    const minutes = (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    return minutes === 0 ? undefined : FixedOffsetZone.instance(minutes).name;
  }
  return DateTime.local({ zone }).isValid ? zone : undefined;
}
