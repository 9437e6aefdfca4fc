import type { DateTime } from 'luxon';
import { noteTime } from '../core/times.js';

/** "3 h 20 min", "2 d 4 h", "12 min", "less than a minute": two units at most, rounded down. */
export function spanText(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/** "in 3 h 20 min" or "5 min ago". */
export function relative(at: DateTime, now: DateTime): string {
  const ms = at.toMillis() - now.toMillis();
  return ms >= 0 ? `in ${spanText(ms)}` : `${spanText(ms)} ago`;
}

/** "Wed 2026-11-25 14:00 UTC", and the asker's local time when they are not on UTC: "… (15:00 Europe/Paris)". */
export function whenText(at: DateTime, zone: string): string {
  const utc = at.toUTC();
  const base = `${utc.toFormat('ccc yyyy-MM-dd HH:mm')} UTC`;
  if (zone === 'UTC') return shown(base, at);
  const local = at.setZone(zone);
  const sameDay = local.toISODate() === utc.toISODate();
  return shown(`${base} (${local.toFormat(sameDay ? 'HH:mm' : 'ccc yyyy-MM-dd HH:mm')} ${zone})`, at);
}

/** Every time a reply shows is noted with its instant, for adapters that render times natively. */
function shown(text: string, at: DateTime): string {
  noteTime(text, at);
  return text;
}

/** A wall-clock time in a definition's own zone, for reminders: "14:00 UTC", "09:00 Europe/Paris". */
export function localTimeText(at: DateTime, zone: string): string {
  return shown(`${at.setZone(zone).toFormat('ccc yyyy-MM-dd HH:mm')} ${zone}`, at);
}
