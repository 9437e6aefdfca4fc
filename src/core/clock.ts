import { DateTime } from 'luxon';

/** The one "now" every part of the bot reads, injected so that tests (and `ask --now`) can pin it. */
export interface Clock {
  now(): DateTime;
}

/** A clock that can also wake its reader: one-shot timers, for the reminder scheduler (tests fast-forward them). */
export interface TimerClock extends Clock {
  setTimer(ms: number, fn: () => void): unknown;
  clearTimer(handle: unknown): void;
}

/**
 * The system time as a DateTime, made once per millisecond: a piped burst answers dozens of lines within one, and
 * building a DateTime (zone and locale settings looked up) was a visible part of each line's cost. DateTimes are
 * immutable, so handing the same one out again is safe.
 */
let lastMillis = NaN;
let lastNow: DateTime | undefined;
const utcNow = (): DateTime => {
  const ms = Date.now();
  if (ms !== lastMillis || !lastNow) {
    lastNow = DateTime.fromMillis(ms, { zone: 'utc' });
    lastMillis = ms;
  }
  return lastNow;
};

export const systemClock: Clock = { now: utcNow };

export const fixedClock = (instant: DateTime): Clock => ({ now: () => instant });

/** Longest a Node timer can wait. */
const MAX_TIMEOUT = 2 ** 31 - 1;

/** The real clock; its timers never keep the process alive on their own. */
export const systemTimer: TimerClock = {
  now: utcNow,
  setTimer: (ms, fn) => {
    const t = setTimeout(fn, Math.min(Math.max(0, ms), MAX_TIMEOUT));
    t.unref();
    return t;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
