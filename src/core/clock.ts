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

export const systemClock: Clock = { now: () => DateTime.utc() };

export const fixedClock = (instant: DateTime): Clock => ({ now: () => instant });

/** Longest a Node timer can wait. */
const MAX_TIMEOUT = 2 ** 31 - 1;

/** The real clock; its timers never keep the process alive on their own. */
export const systemTimer: TimerClock = {
  now: () => DateTime.utc(),
  setTimer: (ms, fn) => {
    const t = setTimeout(fn, Math.min(Math.max(0, ms), MAX_TIMEOUT));
    t.unref();
    return t;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
