import { getCompileCacheDir } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Reading, parsing and classifying ten thousand posts takes over a second of CPU: with a second core, a worker thread
 * shares the work. Below this many files to read, starting the worker costs more than it saves.
 */
export const WORKER_FROM = 1000;

/**
 * Whether a load of `count` files is worth a worker on this machine. A second thread costs about a quarter more CPU in
 * all (a second isolate loads and warms up the parser), and gives the answer sooner even on a machine busy with other
 * work (measured at load 3 to 4 on 2 cores: 2.24 s against 2.45 s, medians of 6 first runs over 10,000 posts).
 */
export const worthAWorker = (count: number, from = WORKER_FROM) => count >= from && availableParallelism() > 1;

/** The reading thread's module (read-worker.ts). */
export const READ_WORKER = new URL('./read-worker.js', import.meta.url);

/** A reading thread started ahead: its job not yet given, and whether it has ended (failed) meanwhile. */
interface EarlyReader {
  worker: Worker;
  ended: boolean;
}

let early: EarlyReader | undefined;

/**
 * What a reading thread started ahead is given: it first counts the post files of `dir`, and ends at once, before
 * loading anything, if they are fewer than `from` (no load would give it a job).
 */
export interface EarlyStart {
  compileCache?: string;
  dir: string;
  from: number;
}

/**
 * Start a reading thread ahead of the load that will need it (see takeEarlyReader): a one-shot run that will read
 * most of a large archive (its first, with no cache yet) starts it with its first line, so that the thread's start
 * (an isolate, the parser's modules: half a second on a busy machine) is over when the first file is to be read.
 * It waits for its job; one never taken costs its start, nothing more (it does not keep the process alive).
 */
export function readEarly(dir: string, from = WORKER_FROM): void {
  if (early || !worthAWorker(from, from)) return;
  try {
    const ahead: EarlyStart = { compileCache: getCompileCacheDir(), dir, from };
    const worker = new Worker(READ_WORKER, { workerData: ahead });
    worker.unref();
    const reader: EarlyReader = { worker, ended: false };
    const end = () => {
      reader.ended = true;
    };
    worker.once('error', end);
    worker.once('exit', end);
    early = reader;
  } catch {
    // The load starts its own.
  }
}

/**
 * The reading thread started ahead, once, if it is still there to take a job (see ReadingWorker); later calls, and a
 * load without one, get undefined. A thread that failed before being asked is left to end: the load starts its own.
 */
export function takeEarlyReader(): Worker | undefined {
  const reader = early;
  early = undefined;
  return reader && !reader.ended ? reader.worker : undefined;
}

/** Whether a reading thread was started ahead and not yet taken (a test of readEarly's callers). */
export const readingEarly = (): boolean => early !== undefined;
