/** Bytes gathered before they are written at once, so that a long burst of answers is not held in memory. */
const SIZE = 64 * 1024;
/** Longest the end waits for the reader of the stream to take what is written. */
const SETTLE_MS = 5000;

/**
 * Text for a stream, written in one piece per turn of the event loop. Answering a piped burst of questions line by
 * line would otherwise cost a stream write (and a system call) per printed line. Each text is encoded into one buffer
 * as it comes: gathering strings and joining them at the end cost more than answering. Order is kept: everything goes
 * through the same buffer. `onFull` is told when the stream asks us to wait, `onDrain` when it is ready again.
 */
export class CoalescedOutput {
  private buffer = Buffer.allocUnsafe(SIZE);
  private used = 0;
  private scheduled: NodeJS.Immediate | null = null;
  private waiting = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly onFull: () => void = () => {},
    private readonly onDrain: () => void = () => {},
  ) {}

  write(text: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8: what may not fit goes after what is gathered, never cut in two.
    const most = text.length * 3;
    if (this.used + most > this.buffer.length) {
      this.flush();
      if (most > this.buffer.length) return this.send(text);
    }
    this.used += this.buffer.write(text, this.used);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    // The stream keeps the chunk until it is written: the next texts go into a buffer of their own.
    this.buffer = Buffer.allocUnsafe(SIZE);
    this.used = 0;
    this.send(chunk);
  }

  /**
   * Everything gathered handed to the stream, and written by it: a service that exits next (Ctrl-D, the end of a
   * piped file) would otherwise lose the answers still waiting for a slow reader of the pipe.
   */
  settled(): Promise<void> {
    this.flush();
    return new Promise((resolve) => {
      // Bounded: a reader that never reads again does not hold the stop up.
      const timer = setTimeout(resolve, SETTLE_MS);
      timer.unref();
      this.stream.write('', () => (clearTimeout(timer), resolve()));
    });
  }

  private send(chunk: Buffer | string): void {
    if (!this.stream.write(chunk) && !this.waiting) {
      this.waiting = true;
      this.onFull();
      this.stream.once('drain', () => {
        this.waiting = false;
        this.onDrain();
      });
    }
  }
}
