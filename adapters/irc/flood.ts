/**
 * Outbound flood control: every line the bot writes waits for a token, so a burst of answers
 * (or a pile of reminders after a reconnect) goes out at a pace servers accept, in order.
 */
import { SendAborted } from '../../src/core/handoff.js';

export interface BucketOptions {
  /** Lines that may go out at once after a quiet time. */
  burst: number;
  /** One more line every this many ms. */
  intervalMs: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly options: BucketOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = options.burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.options.burst, this.tokens + (t - this.last) / this.options.intervalMs);
    this.last = t;
  }

  /** Take a token if there is one (0), else how many ms until there will be. */
  take(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) * this.options.intervalMs);
  }

  /** Give back a token taken for a line that was not written after all. */
  refund(): void {
    this.tokens = Math.min(this.options.burst, this.tokens + 1);
  }
}

/** A line, or a promised message whose line is made (and claimed) only at the instant it is written; null: skip it. */
export type Line = string | (() => string | null);

interface Pending {
  line: Line;
  /** An acknowledgement: shed first when the queue is full. */
  droppable?: boolean;
  /** Settled when this line is written (or dropped on stop): the last line of a send() carries it. */
  done?: { resolve: () => void; reject: (err: unknown) => void };
}

export interface QueueOptions extends BucketOptions {
  /** Write one protocol line; false when it could not be written (not connected). */
  write: (line: string) => boolean;
  /** Whether lines may go out now (registered, connection alive). */
  ready: () => boolean;
  /** Most lines waiting (default 200): an acknowledgement is shed rather than queued beyond it. */
  maxLines?: number;
}

/** A line that was not queued (or was taken out of the queue) because the queue was full. */
export class QueueFull extends Error {
  constructor(message = 'IRC send queue is full') {
    super(message);
    this.name = 'QueueFull';
  }
}

/** How far past its bound the queue still takes lines that must not be shed (minutes, reminders): then it refuses them too. */
const HARD_FACTOR = 4;

/**
 * An ordered queue drained through the token bucket. Lines wait while the connection is down
 * or suspect and go out, still in order, once `kick()` says it is ready again.
 */
export class SendQueue {
  private readonly pending: Pending[] = [];
  private readonly bucket: TokenBucket;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: QueueOptions) {
    this.bucket = new TokenBucket(options);
  }

  get size(): number {
    return this.pending.length;
  }

  private get maxLines(): number {
    return this.options.maxLines ?? 200;
  }

  /**
   * Queue lines; resolves once the last is written. The queue is bounded: droppable lines (acknowledgements) are
   * refused when it is full, and shed from it to make room for lines that are not; those are refused only far past
   * the bound (a promised message refused this way is simply due again later, never lost).
   */
  push(lines: Line[], droppable = false): Promise<void> {
    if (this.closed) return Promise.reject(new SendAborted('IRC adapter is stopped'));
    if (lines.length === 0) return Promise.resolve();
    if (this.pending.length + lines.length > this.maxLines) {
      if (droppable) return Promise.reject(new QueueFull());
      this.shed();
      if (this.pending.length + lines.length > this.maxLines * HARD_FACTOR) return Promise.reject(new QueueFull());
    }
    return new Promise<void>((resolve, reject) => {
      lines.forEach((line, i) => this.pending.push(i === lines.length - 1 ? { line, droppable, done: { resolve, reject } } : { line, droppable }));
      this.kick();
    });
  }

  /** Take every waiting acknowledgement out of the queue; their senders are told they were not sent. */
  private shed(): void {
    const kept = this.pending.filter((p) => !p.droppable);
    for (const p of this.pending) if (p.droppable) p.done?.reject(new QueueFull('acknowledgement shed: IRC send queue full'));
    this.pending.splice(0, this.pending.length, ...kept);
  }

  /** Try to drain now (connection came back, a token is due). */
  kick(): void {
    if (this.timer || this.closed) return;
    this.drain();
  }

  private drain(): void {
    this.timer = undefined;
    while (this.pending.length > 0 && !this.closed) {
      if (!this.options.ready()) return; // kick() again when it is
      const wait = this.bucket.take();
      if (wait > 0) {
        this.timer = setTimeout(() => this.drain(), wait);
        return;
      }
      const head = this.pending[0]!;
      if (typeof head.line === 'string') {
        if (!this.options.write(head.line)) return;
        this.pending.shift();
        head.done?.resolve();
        continue;
      }
      // A promised message: claimed here, between the liveness check and the write, with nothing async in between.
      this.pending.shift();
      let line: string | null;
      try {
        line = head.line();
      } catch (err) {
        this.bucket.refund();
        head.done?.reject(err);
        continue;
      }
      if (line === null) this.bucket.refund();
      else if (!this.options.write(line)) {
        head.done?.reject(new Error('IRC connection lost as a claimed line was written'));
        continue;
      }
      head.done?.resolve();
    }
  }

  /** Wait (at most `ms`) for the queue to empty, for a graceful stop. */
  async flush(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.pending.length > 0 && Date.now() < until && this.options.ready()) await new Promise((r) => setTimeout(r, 20));
  }

  /** Stop for good: lines not yet written are dropped (promised ones unclaimed) and their senders told so. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const p of this.pending.splice(0)) p.done?.reject(new SendAborted('IRC adapter stopped before the message could be sent'));
  }
}
