import { DateTime } from 'luxon';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
/** "September 10-11", "Feb 4-5", "March 10th, 11th", "November 5th and 6th", "Jan 30 - Feb 1". */
const RANGE = new RegExp(String.raw`\b${MONTH}\s+${DAY}(?:\s*(?:-|–|,|and|&|to)\s*(?:${MONTH}\s+)?${DAY})?\b`, 'i');

/**
 * The UTC days a test-day post's title announces, relative to the post's date: a month and day (range) is
 * taken in the post's year (or the next one, when that would put it more than two months before the post),
 * "today" is the post's own day. Anything else (no date, "next week") gives null: the post is not listed,
 * since a guessed date would be wrong more often than right.
 */
export function testDayRange(title: string, posted: DateTime): { start: DateTime; end: DateTime } | null {
  const day0 = posted.toUTC().startOf('day');
  const m = RANGE.exec(title);
  if (m) {
    const month = (s: string) => MONTHS.indexOf(s.slice(0, 3).toLowerCase()) + 1;
    const firstMonth = month(m[1]);
    const lastMonth = m[3] ? month(m[3]) : firstMonth;
    const lastDay = m[4] ? Number(m[4]) : Number(m[2]);
    let year = day0.year;
    let start = DateTime.utc(year, firstMonth, Number(m[2]));
    if (start.isValid && start < day0.minus({ months: 2 })) start = DateTime.utc(++year, firstMonth, Number(m[2]));
    let end = DateTime.utc(lastMonth < firstMonth ? year + 1 : year, lastMonth, lastDay);
    if (!start.isValid || !end.isValid) return null;
    if (end < start) end = start;
    return { start, end: end.plus({ days: 1 }) };
  }
  if (/\btoday\b/i.test(title)) return { start: day0, end: day0.plus({ days: 1 }) };
  return null;
}
