import { DateTime } from 'luxon';
import type { Clock } from '../../src/core/types.js';

/**
 * A clock that moves on by a fixed step each time it is read: the meeting recorder reads it once per line, so a
 * replayed transcript gets one line every `stepMs` from `start`, whatever the network's own pace.
 */
export class TickingClock implements Clock {
  private next: number;
  constructor(
    start: DateTime,
    private readonly stepMs: number,
  ) {
    this.next = start.toMillis();
  }

  now(): DateTime {
    const t = this.next;
    this.next += this.stepMs;
    return DateTime.fromMillis(t, { zone: 'utc' });
  }

  /** The next reading. */
  set(at: DateTime): void {
    this.next = at.toMillis();
  }
}
