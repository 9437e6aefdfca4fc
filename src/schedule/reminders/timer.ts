/** Wall-clock time and one-shot timers, injected so tests can fast-forward and jump the clock. */
export interface TimerClock {
  /** Wall-clock time, epoch milliseconds. */
  now(): number;
  setTimer(ms: number, fn: () => void): unknown;
  clearTimer(handle: unknown): void;
}

/** Longest a Node timer can wait. */
const MAX_TIMEOUT = 2 ** 31 - 1;

/** The real clock; its timers never keep the process alive on their own. */
export const systemTimer: TimerClock = {
  now: () => Date.now(),
  setTimer: (ms, fn) => {
    const t = setTimeout(fn, Math.min(Math.max(0, ms), MAX_TIMEOUT));
    t.unref();
    return t;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
