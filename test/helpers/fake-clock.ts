import { DateTime } from 'luxon';
import type { TimerClock } from '../../src/core/clock.js';

interface FakeTimer {
  id: number;
  /** Monotonic due time. */
  at: number;
  fn: () => void;
}

/**
 * A clock for scheduler tests: timers run on a monotonic time that only `advance` moves (as Node's timers do), while
 * the wall clock can also `jump` (NTP correction, a suspended laptop) without the timers noticing.
 */
export class FakeClock implements TimerClock {
  private mono = 0;
  private offset: number;
  private timers: FakeTimer[] = [];
  private ids = 0;
  /** Every delay the scheduler asked to sleep, in ms: no once-a-second polling shows here. */
  readonly sleeps: number[] = [];

  constructor(startWall: number) {
    this.offset = startWall;
  }

  now(): DateTime {
    return DateTime.fromMillis(this.millis(), { zone: 'utc' });
  }

  /** The wall clock in epoch ms. */
  millis(): number {
    return this.mono + this.offset;
  }

  setTimer(ms: number, fn: () => void): unknown {
    this.sleeps.push(ms);
    const t = { id: ++this.ids, at: this.mono + Math.max(0, ms), fn };
    this.timers.push(t);
    return t.id;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Move time forward, firing due timers in order and letting `settle` finish the work each one starts. */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const end = this.mono + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.mono = Math.max(this.mono, next.at);
      next.fn();
      await settle();
    }
    this.mono = end;
  }

  /** Advance until this wall-clock instant. */
  advanceTo(wall: number, settle: () => Promise<void>): Promise<void> {
    return this.advance(Math.max(0, wall - this.millis()), settle);
  }

  /** The wall clock jumps; timers keep their monotonic due times. */
  jump(ms: number): void {
    this.offset += ms;
  }
}
