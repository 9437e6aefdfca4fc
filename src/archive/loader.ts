import { statSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { join } from 'node:path';
import type { Classifier } from './classify/classify.js';
import type { ParseOptions, ReadResult } from './parse-post.js';
import { listAhead, listPostFiles, LIST_AHEAD_FROM, takeEarly, takeEarlyReader, WORKER_FROM, worthAWorker, type Listing } from './listing.js';
import { CURRENT_PARSER, stampText, type CachedFile, type PostCache, type ToStore } from './post-cache.js';
import { entryRow, type SnapshotPart, type SnapshotRow } from './snapshot-part.js';
import { classifiedResult, readOnePost, stampOf, type FileOutcome, type FileStamp, type StoredResult } from './post-file.js';
import type { LoadWarning, Post } from './post.js';
import { OUTSIDE_REASON, resolvesInside, TooBigError } from './inside.js';
import { SOURCE_LIMITS } from './limits.js';
import { lackOfResource, resourceReason } from './resource-errors.js';
import { ChunkQueue, ReadingWorker } from './read-in-worker.js';

export { classifiedResult, readPostText } from './post-file.js';

/**
 * Files read between two turns of the event loop (a start over ten thousand files must not stall a running bot), and
 * the chunk a thread takes at a time.
 */
const READ_BATCH = 64;
/**
 * Outcomes written to the cache in one transaction, at least (but the last): each commit rewrites the table's and the
 * index's upper pages into the write-ahead log, so a first start of ten thousand files in 64-file commits wrote them
 * some 150 times over.
 */
const STORE_BATCH = 1024;
const STAT_QUIETLY = { throwIfNoEntry: false } as const;

/** Who reads the files to be read (the defaults but in tests). */
export interface Readers {
  /** From how many files a worker thread shares the work (WORKER_FROM). */
  workerFrom?: number;
  /** Files a thread takes at a time (READ_BATCH). */
  chunk?: number;
  /** Leave all the reading to a worker, whatever the number of files (a test of it). */
  workerOnly?: boolean;
  /** Stop the worker as soon as it starts (a test of a thread that dies). */
  stopWorker?: boolean;
  /** From how many files in the snapshot the files are listed (and looked at) in a thread of their own (LIST_AHEAD_FROM). */
  listAheadFrom?: number;
  /** List the files here, however many (a test of it). */
  listHere?: boolean;
}

export interface LoadResult {
  posts: Post[];
  warnings: LoadWarning[];
  /** Posts marked `published: false`. */
  hidden: number;
  /** Files read and parsed (the others came from the cache). */
  read: number;
  /** Files that could not be read for lack of a resource (EMFILE, ENOSPC …): to be read again until they load. */
  retry: string[];
}

/**
 * The parser (js-yaml, marked) is loaded only when a file has to be read: a start over an unchanged,
 * cached archive never needs it.
 */
let parser: Promise<typeof import('./parse-post.js')> | undefined;
export const loadParser = (): Promise<typeof import('./parse-post.js')> => (parser ??= import('./parse-post.js'));

/** A post file's text, parsed (not classified). */
export async function parseText(file: string, name: string, text: string, options: Omit<ParseOptions, 'classifier'>): Promise<ReadResult> {
  const { readPost } = await loadParser();
  return readPost(file, name, text, options);
}

/**
 * The outcomes the cache holds for files that have not changed, their posts to be classified on first use (so a
 * change of rules reads nothing again), and the cached files that are gone. The directory's snapshot (read
 * beforehand: `parts`) is walked first; files it does not hold as they now are are looked up row by row, and without
 * a snapshot every row of the directory is read. Each file is checked against its stamp now: as listed ahead
 * (`listed`), else looked at here. `renew` says the snapshot is missing or is not what this start found; `rows()` is
 * then what to make it of (with what the start stores). A cache that cannot be read gives nothing (see failedToRead).
 */
function fromCache(cache: PostCache, dir: string, prefix: string, names: string[], files: string[], classifier: Classifier, parts: SnapshotPart[] | null, listed?: Float64Array, maxBytes = SOURCE_LIMITS.postMaxBytes) {
  let byName: Map<string, number> | undefined;
  const index = (name: string) => (byName ??= new Map(names.map((n, i) => [n, i]))).get(name);
  const outcomes = new Array<StoredResult | undefined>(files.length);
  const gone: string[] = [];
  let renew = parts === null;
  /** Rows used as they are: with the snapshot's entries used and what the start stores, the snapshot to make. */
  const used: SnapshotRow[] = [];
  /** For each file served by the snapshot, its part and entry there (-1: none). */
  const partOf = new Int32Array(files.length).fill(-1);
  const entryOf = new Int32Array(files.length);
  /** File i's stamp now (undefined when it is not there), as listed or as looked at now. */
  const stampNow = (i: number): FileStamp | undefined => {
    if (!listed) {
      const now = statSync(files[i], STAT_QUIETLY);
      return now && stampOf(now);
    }
    return Number.isNaN(listed[i * 3]) ? undefined : { size: listed[i * 3], mtimeMs: listed[i * 3 + 1], ctimeMs: listed[i * 3 + 2] };
  };
  /** Whether file i is as entry j of a snapshot's part says it was (and within the size cap). */
  const unchanged = (i: number, held: Float64Array, j: number): boolean => {
    let size: number, mtimeMs: number, ctimeMs: number;
    if (listed) {
      size = listed[i * 3];
      mtimeMs = listed[i * 3 + 1];
      ctimeMs = listed[i * 3 + 2];
    } else {
      const now = statSync(files[i], STAT_QUIETLY);
      if (!now) return false;
      ({ size, mtimeMs, ctimeMs } = now);
    }
    // A file over the size cap is never answered from the cache (it may have been cached before the cap). A stamp's
    // numbers are equal exactly when their texts are (stampText), which is how a row's stamp is compared.
    return size <= maxBytes && size === held[j * 3] && mtimeMs === held[j * 3 + 1] && ctimeMs === held[j * 3 + 2];
  };
  /** A cached row for file i, used if the file is as it was when cached (and within the size cap). */
  const fromRow = (i: number, hit: Readonly<CachedFile>) => {
    const now = hit.state === CURRENT_PARSER ? stampNow(i) : undefined;
    if (!now || stampText(now) !== hit.stamp || now.size > maxBytes) return;
    outcomes[i] = classifiedResult(cache.result(hit), classifier);
    used.push({ path: hit.path, stamp: hit.stamp, data: hit.data });
  };
  try {
    for (let p = 0; parts && p < parts.length; p++) {
      const part = parts[p];
      const held = part.names;
      // The snapshot is in name order, as the files are: walked side by side, with no map of a hundred thousand
      // names to build and hash. A name out of that order is looked up instead.
      for (let j = 0, k = 0; j < held.length; j++) {
        const name = held[j];
        if (names[k] !== name) while (k < names.length && names[k] < name) k++;
        const i = names[k] === name ? k++ : index(name);
        if (i === undefined) {
          gone.push(prefix + name);
          continue;
        }
        if (!unchanged(i, part.stamps, j)) continue;
        outcomes[i] = cache.snapshotResult(part, j, files[i], classifier);
        partOf[i] = p;
        entryOf[i] = j;
      }
    }
    if (parts) {
      for (let i = 0; i < files.length; i++) {
        if (outcomes[i] !== undefined) continue;
        const hit = cache.entry(files[i]);
        if (hit) fromRow(i, hit);
        // A row the snapshot lacks (a file another rdobot re-read since) is put in it.
        if (outcomes[i] !== undefined) renew = true;
      }
    } else {
      for (const hit of cache.entries(dir)) {
        const i = hit.path.startsWith(prefix) ? index(hit.path.slice(prefix.length)) : undefined;
        if (i === undefined) gone.push(hit.path);
        else fromRow(i, hit);
      }
    }
    /** Every row this start found as cached: the snapshot's entries it used, and the rows. */
    const rows = (): SnapshotRow[] => {
      const all = used.slice();
      for (let i = 0; i < files.length; i++) if (partOf[i] !== -1) all.push(entryRow(parts![partOf[i]], entryOf[i], files[i]));
      return all;
    };
    return { outcomes, gone, renew: renew || gone.length > 0, rows };
  } catch (err) {
    cache.failedToRead(err);
    return { outcomes: new Array<StoredResult | undefined>(files.length), gone: [], renew: true, rows: () => [] };
  }
}

/** A directory's snapshot, read whole (its parts are kept by the posts made from them); null when there is none or it cannot be read. */
function readSnapshot(cache: PostCache, dir: string): SnapshotPart[] | null {
  try {
    const parts = [...cache.snapshot(dir)];
    return parts.length > 0 ? parts : null;
  } catch (err) {
    cache.failedToRead(err);
    return null;
  }
}

/** The stamps (three numbers each) of the files kept, in step with them. */
function keepStamps(stamps: Float64Array, keep: boolean[]): Float64Array {
  const kept = new Float64Array(keep.filter(Boolean).length * 3);
  let k = 0;
  keep.forEach((yes, i) => {
    if (yes) kept.set(stamps.subarray(i * 3, i * 3 + 3), 3 * k++);
  });
  return kept;
}

/** The stamps of the files to read (positions `misses`), in step with them. */
function missStamps(stamps: Float64Array, misses: number[]): Float64Array {
  const out = new Float64Array(misses.length * 3);
  misses.forEach((i, k) => out.set(stamps.subarray(i * 3, i * 3 + 3), k * 3));
  return out;
}

/**
 * The post files of a directory, with their stamps when listed in a thread of their own (early, or now when the
 * snapshot holds enough files to be worth it); a failed listing ahead is made again here, which says what is wrong.
 */
async function listing(dir: string, withLinks: boolean, ahead: Promise<Listing> | undefined): Promise<Listing> {
  if (ahead) {
    try {
      return await ahead;
    } catch {
      // listed here instead
    }
  }
  return listPostFiles(dir, withLinks);
}

/**
 * Every post file of a directory (not recursive, as Middleman's source/blog). Broken files become warnings.
 * With a cache, a file whose size and times are those cached is not read; the others are read, parsed and cached, and
 * files that disappeared are forgotten. Posts are classified where their kinds are first read (see classifiedResult).
 */
export async function loadPostDirectory(dir: string, options: ParseOptions, cache?: PostCache | null, readers: Readers = {}): Promise<LoadResult> {
  const result: LoadResult = { posts: [], warnings: [], hidden: 0, read: 0, retry: [] };
  // A large snapshot is checked against a listing made in a thread of its own while this one reads the snapshot.
  const ahead = takeEarly(dir) ?? (cache && !readers.listHere && cache.snapshotSize(dir) >= (readers.listAheadFrom ?? LIST_AHEAD_FROM) ? listAhead(dir) : undefined);
  const parts = cache ? readSnapshot(cache, dir) : null;
  let names: string[];
  let listed: Listing;
  try {
    listed = await listing(dir, !options.allowOutside, ahead);
    names = listed.names;
  } catch (err) {
    result.warnings.push({ file: dir, reason: `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    return result;
  }
  // join() once: a post file's name has no slash or dot segment, so the directory's prefix is all it needs.
  const prefix = join(dir, '/');
  let stamps = listed.stamps;
  if (!options.allowOutside && listed.links.size > 0) {
    const inside = names.map((name) => {
      if (!listed.links.has(name) || resolvesInside(dir, prefix + name)) return true;
      result.warnings.push({ file: prefix + name, reason: OUTSIDE_REASON });
      return false;
    });
    names = names.filter((_, i) => inside[i]);
    if (stamps) stamps = keepStamps(stamps, inside);
  }
  const files = names.map((name) => prefix + name);
  const cached = cache ? fromCache(cache, dir, prefix, names, files, options.classifier, parts, stamps, options.maxBytes) : { outcomes: new Array<StoredResult | undefined>(files.length), gone: [], renew: false, rows: () => [] };
  const outcomes: (StoredResult | Error | undefined)[] = cached.outcomes;
  const toStore: ToStore[] = [];
  const misses = files.flatMap((_, i) => (outcomes[i] === undefined ? [i] : []));
  /** File i's stamp as listed (see Listing.stamps), when it was listed ahead. */
  const listedStamp = (i: number): FileStamp | undefined => stamps && { size: stamps[i * 3], mtimeMs: stamps[i * 3 + 1], ctimeMs: stamps[i * 3 + 2] };
  const keep = (i: number, read: FileOutcome) => {
    outcomes[i] = read.outcome instanceof Error ? read.outcome : classifiedResult(read.outcome, options.classifier);
    if (read.stamp && !(read.outcome instanceof Error)) toStore.push({ path: files[i], stamp: read.stamp, result: read.outcome, row: read.row });
  };
  // With enough to read, a worker thread shares the work: each thread takes the next chunk of files until none is left.
  const queue = new ChunkQueue(misses.length, readers.chunk ?? READ_BATCH);
  const withStamp = Boolean(cache);
  // A thread started ahead for this run (readEarly) is taken by the first load, which uses it or lets it go.
  const early = takeEarlyReader();
  const worker = readers.workerOnly || worthAWorker(misses.length, readers.workerFrom ?? WORKER_FROM)
    ? new ReadingWorker(queue, misses.map((i) => files[i]), misses.map((i) => names[i]), options, withStamp, early, stamps && missStamps(stamps, misses))
    : null;
  if (early && !worker) void early.terminate();
  if (worker && readers.stopWorker) await worker.stop();
  const mine = new Set<number>();
  /** The worker's chunks already kept (see keepTheirs). */
  const kept = new Set<number>();
  const keepTheirs = (parts: ReadonlyMap<number, FileOutcome[]>) => {
    for (const [chunk, reads] of parts) {
      if (kept.has(chunk)) continue;
      kept.add(chunk);
      const from = queue.range(chunk)[0];
      reads.forEach((read, k) => keep(misses[from + k], read));
    }
  };
  // What is read is cached as it comes, between chunks, rather than all at the end: on a first start, writing the
  // cache then shares the time the worker thread is reading instead of following it.
  const written: SnapshotRow[] = [];
  let changed = 0;
  let storing = cache !== null && cache !== undefined;
  const storeRead = (gone: string[] = [], last = false) => {
    if (!storing || (toStore.length === 0 && gone.length === 0) || (!last && toStore.length < STORE_BATCH)) return;
    const stored = cache!.store(dir, toStore.splice(0), gone);
    // A cache that cannot be written is said once (by store) and not tried again in this load.
    storing = !stored.failed;
    changed += stored.changed;
    for (const row of stored.written) written.push(row);
  };
  const { readPost } = misses.length > 0 ? await loadParser() : { readPost: undefined };
  for (let chunk = readers.workerOnly ? -1 : queue.take(); chunk !== -1; chunk = queue.take()) {
    mine.add(chunk);
    const [from, to] = queue.range(chunk);
    for (let k = from; k < to; k++) keep(misses[k], readOnePost(files[misses[k]], names[misses[k]], options, readPost!, withStamp, listedStamp(misses[k])));
    if (worker) keepTheirs(worker.received);
    storeRead();
    // A running bot answers between chunks.
    await nextTurn();
  }
  if (worker) {
    const theirs = Array.from({ length: queue.chunks }, (_, c) => c).filter((c) => !mine.has(c));
    let parts: ReadonlyMap<number, FileOutcome[]>;
    try {
      parts = await worker.collect(theirs);
    } catch {
      // The thread ended before sending all it took (it ran out of memory, or was stopped): what it did not send is
      // read here, so that no file goes unread for it.
      parts = worker.received;
    }
    keepTheirs(parts);
    for (const chunk of theirs) {
      if (kept.has(chunk)) continue;
      const [from, to] = queue.range(chunk);
      for (let k = 0; k < to - from; k++) keep(misses[from + k], readOnePost(files[misses[from + k]], names[misses[from + k]], options, readPost!, withStamp, listedStamp(misses[from + k])));
    }
  }
  result.read = misses.length;
  outcomes.forEach((outcome, i) => {
    if (outcome === undefined) return;
    if (outcome instanceof TooBigError) result.warnings.push({ file: files[i], reason: outcome.message });
    else if (lackOfResource(outcome)) {
      result.retry.push(files[i]);
      result.warnings.push({ file: files[i], reason: resourceReason(outcome) });
    }    else if (outcome instanceof Error) result.warnings.push({ file: files[i], reason: `cannot read file: ${(outcome as NodeJS.ErrnoException).code ?? outcome.message}` });
    else if ('post' in outcome) result.posts.push(outcome.post);
    else if ('hidden' in outcome) result.hidden++;
    else result.warnings.push(outcome.warning);
  });
  // The snapshot is made again only when what the rows hold changed: a start that changed nothing writes nothing.
  if (cache) {
    storeRead(cached.gone, true);
    if (storing && (changed > 0 || cached.renew)) cache.renewSnapshot(dir, [...cached.rows(), ...written]);
  }
  return result;
}
