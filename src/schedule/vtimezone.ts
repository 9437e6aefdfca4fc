import { DateTime } from 'luxon';

const DAY = 86_400_000;

const offsetText = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
};

const offsetAt = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;

/** The exact minute an offset change happens between two instants (binary search). */
function transitionBetween(lo: number, hi: number, zone: string): number {
  const before = offsetAt(lo, zone);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetAt(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * A VTIMEZONE for an IANA zone with every offset change from `fromYear` to `toYear` written out (one sub-component
 * per change, which RFC 5545 allows), taken from the same tz data luxon uses for the bot's own answers, so a calendar
 * app and the bot agree across DST changes.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const first = offsetAt(start, zone);
  const parts: string[] = [
    'BEGIN:STANDARD',
    `DTSTART:${DateTime.fromMillis(start, { zone }).toFormat("yyyyMMdd'T'HHmmss")}`,
    `TZOFFSETFROM:${offsetText(first)}`,
    `TZOFFSETTO:${offsetText(first)}`,
    'END:STANDARD',
  ];
  let prev = first;
  for (let t = start + DAY; t <= end; t += DAY) {
    const off = offsetAt(t, zone);
    if (off === prev) continue;
    const at = transitionBetween(t - DAY, t, zone);
    const kind = DateTime.fromMillis(at, { zone }).isInDST ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART of a change is the wall-clock time just before it, in the old offset.
    const local = DateTime.fromMillis(at + prev * 60_000, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss");
    parts.push(`BEGIN:${kind}`, `DTSTART:${local}`, `TZOFFSETFROM:${offsetText(prev)}`, `TZOFFSETTO:${offsetText(off)}`, `END:${kind}`);
    prev = off;
  }
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...parts, 'END:VTIMEZONE'].join('\r\n');
}
