/** Flush at once past this many characters, so a long burst of answers is not held in memory. */
const HIGH_WATER = 64 * 1024;

/**
 * Text for a stream, written in one piece per turn of the event loop. Answering a piped burst of questions line by
 * line would otherwise cost a stream write (and a system call) per printed line. Order is kept: everything goes through
 * the same buffer. `onFull` is told when the stream asks us to wait, `onDrain` when it is ready again.
 */
export class CoalescedOutput {
  private chunks: string[] = [];
  private size = 0;
  private scheduled: NodeJS.Immediate | null = null;
  private waiting = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly onFull: () => void = () => {},
    private readonly onDrain: () => void = () => {},
  ) {}

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= HIGH_WATER) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (!this.stream.write(text) && !this.waiting) {
      this.waiting = true;
      this.onFull();
      this.stream.once('drain', () => {
        this.waiting = false;
        this.onDrain();
      });
    }
  }
}
