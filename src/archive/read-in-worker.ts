import { availableParallelism } from 'node:os';
import { getCompileCacheDir } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DateTime, FixedOffsetZone } from 'luxon';
import type { ClassifyConfig } from './classify/classify.js';
import { TooBigError } from './inside.js';
import type { ParseOptions } from './parse-post.js';
import type { FileOutcome, FileStamp, StoredResult } from './post-file.js';
import type { Post } from './post.js';

/**
 * Reading, parsing and classifying ten thousand posts takes over a second of CPU: with a second core, a worker thread
 * takes a share of the files. Below this many files to read, starting the worker costs more than it saves.
 */
export const WORKER_FROM = 1000;

/** The worker's share of the files: a little under half, since it first has to start and load the parser. */
export const WORKER_SHARE = 0.45;

export interface WorkerJob {
  files: string[];
  names: string[];
  options: Omit<ParseOptions, 'classifier'>;
  classify: ClassifyConfig;
  withStamp: boolean;
  compileCache?: string;
}

/** One file's outcome as it crosses from the worker: a post without its DateTime, an error as data. */
export type WorkerOutcome = { stamp?: FileStamp } & (
  | { outcome: Exclude<StoredResult, { post: Post }> }
  | { post: Omit<Post, 'date'> & { date: number } }
  | { error: { message: string; code?: string; tooBig: boolean } }
);

/** Whether a load of `count` files is worth a worker on this machine. */
export const worthAWorker = (count: number, from = WORKER_FROM) => count >= from && availableParallelism() > 1;

/** Files read, parsed and classified in a worker thread, in order; rejects if the parser breaks there. */
export function readInWorker(files: string[], names: string[], options: ParseOptions, withStamp: boolean): Promise<FileOutcome[]> {
  const { classifier, ...plain } = options;
  const job: WorkerJob = { files, names, options: plain, classify: classifier.config, withStamp, compileCache: getCompileCacheDir() };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./read-worker.js', import.meta.url), { workerData: job });
    const outcomes: FileOutcome[] = [];
    worker.on('message', (part: WorkerOutcome[]) => {
      for (const o of part) outcomes.push(fromWorker(o));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (outcomes.length === files.length) resolve(outcomes);
      else reject(new Error(`post reader thread exited (${code}) after ${outcomes.length} of ${files.length} files`));
    });
  });
}

function fromWorker(o: WorkerOutcome): FileOutcome {
  if ('error' in o) {
    const error = o.error.tooBig ? new TooBigError(o.error.message) : Object.assign(new Error(o.error.message), { code: o.error.code });
    return { stamp: o.stamp, outcome: error };
  }
  if ('outcome' in o) return { stamp: o.stamp, outcome: o.outcome };
  // The zone object the parser's toUTC() gives, so that a post read here is the same as one read on the main thread.
  const post = o.post as unknown as Post;
  post.date = DateTime.fromMillis(o.post.date, { zone: FixedOffsetZone.utcInstance });
  return { stamp: o.stamp, outcome: { post } };
}
