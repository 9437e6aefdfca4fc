import { getCompileCacheDir } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DateTime, FixedOffsetZone } from 'luxon';
import { postOfRow, type CacheRow } from './cache-row.js';
import { summariseLater } from './lazy-summary.js';
import { TooBigError } from './inside.js';
import { READ_WORKER } from './listing.js';
import type { ParseOptions, ReadResult } from './parse-post.js';
import type { FileOutcome, FileStamp } from './post-file.js';
import type { ParsedPost } from './post.js';

/**
 * The files to read, in chunks handed out by one counter both threads share: whichever thread is free takes the
 * next, so the work splits evenly whatever the worker's start-up time or the machine's load.
 */
export class ChunkQueue {
  readonly counter = new Int32Array(new SharedArrayBuffer(4));
  readonly chunks: number;

  constructor(
    readonly count: number,
    readonly size: number,
  ) {
    this.chunks = Math.ceil(count / size);
  }

  /** The next chunk's index, or -1 when all are taken. */
  take(): number {
    return takeChunk(this.counter, this.chunks);
  }

  /** The positions of one chunk's files. */
  range(chunk: number): [from: number, to: number] {
    return [chunk * this.size, Math.min(this.count, (chunk + 1) * this.size)];
  }
}

export const takeChunk = (counter: Int32Array, chunks: number): number => {
  const chunk = Atomics.add(counter, 0, 1);
  return chunk < chunks ? chunk : -1;
};

export interface WorkerJob {
  files: string[];
  names: string[];
  counter: Int32Array;
  chunkSize: number;
  /** Without the classifier: a post is classified where its kinds are first read, on the main thread. */
  options: Omit<ParseOptions, 'classifier'>;
  withStamp: boolean;
  /** The files' stamps as listed (three numbers each, in step with `files`; see Listing.stamps), when listed ahead. */
  stamps?: Float64Array;
  compileCache?: string;
}

/**
 * One file's outcome as it crosses from the worker: a post with its date as millis, or, to be cached, as the cache's
 * row (made there, in the time the worker shares; this thread makes the post of it as it makes a cached one); an
 * error as data.
 */
export type WorkerOutcome = { stamp?: FileStamp } & (
  | { outcome: Exclude<ReadResult, { post: ParsedPost }> }
  | { row: CacheRow }
  | { post: Omit<ParsedPost, 'date' | 'summary'> & { date: number } }
  | { error: { message: string; code?: string; tooBig: boolean } }
);

/** One chunk read by the worker. */
export interface WorkerPart {
  chunk: number;
  outcomes: WorkerOutcome[];
}

/** A worker thread taking chunks from `queue` until none is left, sending each back as it is read. */
export class ReadingWorker {
  private readonly worker: Worker;
  private readonly parts = new Map<number, FileOutcome[]>();

  /** The chunks received so far (all of them once collect() resolves). */
  get received(): ReadonlyMap<number, FileOutcome[]> {
    return this.parts;
  }
  private failure: Error | null = null;
  private check: () => void = () => undefined;

  /** `early`: a thread started ahead (see readEarly), given its job here; else one is started. `stamps`: see WorkerJob. */
  constructor(queue: ChunkQueue, files: string[], names: string[], options: ParseOptions, withStamp: boolean, early?: Worker, stamps?: Float64Array) {
    const { classifier: _, ...plain } = options;
    const job: WorkerJob = { files, names, counter: queue.counter, chunkSize: queue.size, options: plain, withStamp, stamps, compileCache: getCompileCacheDir() };
    if (early) {
      this.worker = early;
      early.postMessage(job);
    } else this.worker = new Worker(READ_WORKER, { workerData: job });
    this.worker.unref();
    this.worker.on('message', (part: WorkerPart) => {
      this.parts.set(part.chunk, part.outcomes.map(fromWorker));
      this.check();
    });
    this.worker.once('error', (err) => this.fail(err));
    // Its last parts arrive before it ends; one that ends without sending what it took has failed.
    this.worker.once('exit', (code) => setImmediate(() => this.fail(new Error(`the post reader thread ended (exit code ${code}) before sending all it read`))));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.check();
  }

  /** Stop the thread (a test of one that dies). */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  /** The outcomes of the chunks the worker took (those this thread did not), once all have come; then it stops. */
  async collect(taken: number[]): Promise<Map<number, FileOutcome[]>> {
    try {
      await new Promise<void>((resolve, reject) => {
        this.check = () => {
          if (taken.every((c) => this.parts.has(c))) resolve();
          else if (this.failure) reject(this.failure);
        };
        this.check();
      });
      return this.parts;
    } finally {
      this.check = () => undefined;
      void this.worker.terminate();
    }
  }
}

function fromWorker(o: WorkerOutcome): FileOutcome {
  if ('error' in o) {
    const error = o.error.tooBig ? new TooBigError(o.error.message) : Object.assign(new Error(o.error.message), { code: o.error.code });
    return { stamp: o.stamp, outcome: error };
  }
  if ('outcome' in o) return { stamp: o.stamp, outcome: o.outcome };
  if ('row' in o) return { stamp: o.stamp, outcome: { post: postOfRow(o.row) }, row: o.row };
  // The zone object the parser's toUTC() gives, so that a post read there is the same as one read on this thread.
  const post = o.post as unknown as ParsedPost;
  post.date = DateTime.fromMillis(o.post.date, { zone: FixedOffsetZone.utcInstance });
  return { stamp: o.stamp, outcome: { post: summariseLater(post) } };
}
