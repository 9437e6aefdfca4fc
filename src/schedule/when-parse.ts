import { DateTime } from 'luxon';
import { WEEKDAYS } from './week.js';

/** A moment named at the start of a request, and the words after it. */
export interface When {
  at: DateTime;
  rest: string;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** "min", "minutes", "hrs", "days" → m, h, d …; "" when it is not a unit. */
function unit(word: string): string {
  const w = word.toLowerCase();
  if (/^(s|secs?|seconds?)$/.test(w)) return 's';
  if (/^(m|mins?|minutes?)$/.test(w)) return 'm';
  if (/^(h|hrs?|hours?)$/.test(w)) return 'h';
  if (/^(d|days?)$/.test(w)) return 'd';
  if (/^(w|wks?|weeks?)$/.test(w)) return 'w';
  return '';
}

/** "in 10 minutes", "in 2 h 30 min", "in an hour", "in half an hour", "10m", "in 1h30m": milliseconds and words used. */
function relativeSpan(words: string[]): { ms: number; used: number } | null {
  const compact = (w: string) => (/^(?:\d+(?:s|m|min|h|d|w))+$/i.test(w) ? [...w.matchAll(/(\d+)(min|s|m|h|d|w)/gi)].reduce((sum, [, n, u]) => sum + Number(n) * UNIT_MS[unit(u)], 0) : 0);
  const lower = words.map((w) => w.toLowerCase().replace(/[,:]$/, ''));
  if (compact(lower[0] ?? '')) return { ms: compact(lower[0]), used: 1 };
  if (lower[0] !== 'in') return null;
  if (lower[1] === 'half' && /^an?$/.test(lower[2] ?? '') && unit(lower[3] ?? '') === 'h') return { ms: 30 * 60_000, used: 4 };
  let ms = 0;
  let i = 1;
  while (i < lower.length) {
    const single = compact(lower[i]);
    if (single) {
      ms += single;
      i += 1;
    } else if (/^(\d+|an?)$/.test(lower[i]) && unit(lower[i + 1] ?? '')) {
      ms += (/^an?$/.test(lower[i]) ? 1 : Number(lower[i])) * UNIT_MS[unit(lower[i + 1])];
      i += 2;
    } else break;
    if (lower[i] === 'and' && /^(\d+|an?)$/.test(lower[i + 1] ?? '')) i += 1;
  }
  return ms > 0 ? { ms, used: i } : null;
}

/** "14:00", "9am", "9:30 pm", "noon", "midnight" → hour and minute. */
function clock(word: string): { hour: number; minute: number } | null {
  const w = word.toLowerCase();
  if (w === 'noon') return { hour: 12, minute: 0 };
  if (w === 'midnight') return { hour: 0, minute: 0 };
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$/.exec(w);
  if (!m || (!m[2] && !m[3])) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (m[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[3] === 'pm' ? 12 : 0);
  }
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}

/**
 * The moment a request starts with, in the asker's zone: a span from now ("in 10 minutes", "2h"), or a day and/or a
 * clock time ("tomorrow 9:00", "on friday at 3pm", "at 14:00", "2026-12-01 09:30"). A day without a time means
 * 09:00; a time without a day means the next time the clock shows it. Null when the request names no moment.
 */
export function parseWhen(text: string, now: DateTime, zone: string): When | null {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const span = relativeSpan(words);
  if (span) return { at: now.plus({ milliseconds: span.ms }), rest: words.slice(span.used).join(' ') };

  let i = 0;
  const local = now.setZone(zone);
  let date: DateTime | undefined;
  let time: { hour: number; minute: number } | undefined;
  const take = () => words[i++];
  for (let guard = 0; guard < 4 && i < words.length; guard++) {
    const w = words[i].toLowerCase().replace(/,$/, '');
    if (w === 'on' || w === 'at') {
      i++;
      continue;
    }
    if (!date && (w === 'today' || w === 'tonight')) [date] = [local, take()];
    else if (!date && w === 'tomorrow') [date] = [local.plus({ days: 1 }), take()];
    else if (!date && WEEKDAYS.some((d) => d === w || d.slice(0, 3) === w)) {
      const index = WEEKDAYS.findIndex((d) => d === w || d.slice(0, 3) === w);
      // "on friday" is the coming Friday; today's weekday means a week from today.
      date = local.plus({ days: ((index + 1 - local.weekday + 7) % 7) || 7 });
      take();
    } else if (!date && /^\d{4}-\d{2}-\d{2}(t\d{2}:\d{2})?$/.test(w)) {
      const parsed = DateTime.fromISO(words[i], { zone });
      if (!parsed.isValid) return null;
      date = parsed;
      if (w.includes('t')) time = { hour: parsed.hour, minute: parsed.minute };
      take();
    } else if (!time && clock(w)) [time] = [clock(w)!, take()];
    else if (!time && /^\d{1,2}$/.test(w) && /^(am|pm)$/i.test(words[i + 1] ?? '')) {
      time = clock(`${w}${words[i + 1].toLowerCase()}`)!;
      i += 2;
    } else break;
  }
  if (!date && !time) return null;
  const hm = time ?? { hour: 9, minute: 0 };
  let at = (date ?? local).set({ hour: hm.hour, minute: hm.minute, second: 0, millisecond: 0 });
  if (!date && at <= local) at = at.plus({ days: 1 });
  return { at, rest: words.slice(i).join(' ') };
}

/** The reminder's text: "to call Bob" → "call Bob", "that the agenda is due" → "the agenda is due". */
export function reminderText(rest: string): string {
  return rest.replace(/^(?:to|that|about|:|-|—)\s+/i, '').trim();
}
