import { readdir } from 'node:fs/promises';
import { getCompileCacheDir } from 'node:module';
import { availableParallelism } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { isPostFile } from './permalink.js';

/** A directory's post files. */
export interface Listing {
  /** Their names, sorted. */
  names: string[];
  /** Those that are symbolic links (when asked for). */
  links: Set<string>;
  /**
   * When listed ahead: each file's size, mtimeMs and ctimeMs as found then (NaN for one that could not be looked at,
   * or is not a regular file), in step with `names`. The loader checks cached files against these instead of looking
   * at each file itself, and the files it reads are not looked at again.
   */
  stamps?: Float64Array;
}

/** The post files of a directory, read here; throws as readdir does. One reading gives the names and the links. */
export async function listPostFiles(dir: string, withLinks: boolean): Promise<Listing> {
  if (!withLinks) return { names: (await readdir(dir)).filter(isPostFile).sort(), links: new Set() };
  const entries = await readdir(dir, { withFileTypes: true });
  const names: string[] = [];
  const links = new Set<string>();
  for (const e of entries) {
    if (!isPostFile(e.name)) continue;
    names.push(e.name);
    if (e.isSymbolicLink()) links.add(e.name);
  }
  return { names: names.sort(), links };
}

/**
 * A snapshot of at least this many files (see PostCache.snapshotSize) is checked against a listing made ahead, in a
 * thread of its own: the `stat` of each file is a fifth of a warm start at 100,000 posts, and is done there while this
 * thread reads the snapshot (or loads its modules).
 */
export const LIST_AHEAD_FROM = 2000;

/**
 * The post files of a directory with each one's stamp, listed in a worker thread. Rejects when the thread cannot be
 * started or the directory read: the caller then lists it itself (and says what is wrong with it).
 */
export function listAhead(dir: string): Promise<Listing> {
  const listing = new Promise<Listing>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./list-worker.js', import.meta.url), { workerData: { dir } });
    } catch (err) {
      reject(err as Error);
      return;
    }
    worker.once('message', (m: { names: string; links: string; stamps: Float64Array } | { error: string }) => {
      if ('error' in m) return reject(new Error(m.error));
      const names = m.names === '' ? [] : m.names.split('/');
      resolve({ names, links: new Set(m.links === '' ? [] : m.links.split('/')), stamps: m.stamps });
    });
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('the listing thread ended without a listing')));
  });
  // Awaited later (after the snapshot is read), or never (listEarly): a failure is the caller's to see, not unhandled.
  listing.catch(() => {});
  return listing;
}

/** Listings started early, by directory: see listEarly. */
const early = new Map<string, Promise<Listing>>();

/**
 * Start listing a directory ahead (see listAhead), to be taken by the first load of it (takeEarly): a one-shot start
 * calls this before it loads its modules, so that the files are looked at while they load. Returns the listing.
 */
export function listEarly(dir: string): Promise<Listing> {
  let listing = early.get(dir);
  if (!listing) early.set(dir, (listing = listAhead(dir)));
  return listing;
}

/**
 * listEarly for each `--archive DIR` of an `rdobot ask` command line (its arguments after `ask`), resolved as the
 * command resolves it (returned). Only a head start: a directory not loaded after all costs a thread a listing, nothing else.
 */
export function listEarlyFor(argv: string[], cwd: string): string[] {
  try {
    const { values } = parseArgs({ args: argv, options: { archive: { type: 'string', multiple: true } }, strict: false, allowPositionals: true });
    const dirs = (values.archive ?? []).flatMap((dir) => (typeof dir === 'string' ? [resolvePath(cwd, dir)] : []));
    for (const dir of dirs) listEarly(dir);
    return dirs;
  } catch {
    // The command reads its arguments again, and says what is wrong with them.
    return [];
  }
}

/** The listing started early for this directory, if any (once). */
export function takeEarly(dir: string): Promise<Listing> | undefined {
  const listing = early.get(dir);
  early.delete(dir);
  return listing;
}

// What a first load reads with: a thread of its own, also started ahead (readEarly) while a one-shot run's modules load.

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

let earlyReader: EarlyReader | undefined;

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
  if (earlyReader || !worthAWorker(from, from)) return;
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
    earlyReader = reader;
  } catch {
    // The load starts its own.
  }
}

/**
 * The reading thread started ahead, once, if it is still there to take a job (see ReadingWorker); later calls, and a
 * load without one, get undefined. A thread that failed before being asked is left to end: the load starts its own.
 */
export function takeEarlyReader(): Worker | undefined {
  const reader = earlyReader;
  earlyReader = undefined;
  return reader && !reader.ended ? reader.worker : undefined;
}

/** Whether a reading thread was started ahead and not yet taken (a test of readEarly's callers). */
export const readingEarly = (): boolean => earlyReader !== undefined;
