/**
 * Outbound flood control: every line the bot writes waits for a token, so a burst of answers
 * (or a pile of reminders after a reconnect) goes out at a pace servers accept, in order.
 */

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
}

interface Pending {
  line: string;
  /** Settled when this line is written (or dropped on stop): the last line of a send() carries it. */
  done?: { resolve: () => void; reject: (err: Error) => void };
}

export interface QueueOptions extends BucketOptions {
  /** Write one protocol line; false when it could not be written (not connected). */
  write: (line: string) => boolean;
  /** Whether lines may go out now (registered, connection alive). */
  ready: () => boolean;
}

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

  /** Queue lines; resolves once the last is written. */
  push(lines: string[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('IRC adapter is stopped'));
    if (lines.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      lines.forEach((line, i) => this.pending.push(i === lines.length - 1 ? { line, done: { resolve, reject } } : { line }));
      this.kick();
    });
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
      if (!this.options.write(head.line)) return;
      this.pending.shift();
      head.done?.resolve();
    }
  }

  /** Wait (at most `ms`) for the queue to empty, for a graceful stop. */
  async flush(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.pending.length > 0 && Date.now() < until && this.options.ready()) await new Promise((r) => setTimeout(r, 20));
  }

  /** Stop for good: lines not yet written are dropped and their senders told so. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const p of this.pending.splice(0)) p.done?.reject(new Error('IRC adapter stopped before the message could be sent'));
  }
}
