import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { join } from 'node:path';
import type { Classifier } from './classify/classify.js';
import type { ParseOptions, ReadResult } from './parse-post.js';
import { isPostFile } from './permalink.js';
import { CURRENT_BOTH, CURRENT_PARSER, stampOf, stampText, type FileStamp, type PostCache, type StoredResult } from './post-cache.js';
import { classified } from './classify/post-kinds.js';
import type { LoadWarning, Post } from './post.js';
import { OUTSIDE_REASON, resolvesInside, TooBigError } from './inside.js';
import { bytesText, SOURCE_LIMITS } from './limits.js';

/** Files read between two turns of the event loop: a start over ten thousand files must not stall a running bot. */
const READ_BATCH = 64;
const STAT_QUIETLY = { throwIfNoEntry: false } as const;

export interface LoadResult {
  posts: Post[];
  warnings: LoadWarning[];
  /** Posts marked `published: false`. */
  hidden: number;
  /** Files read and parsed (the others came from the cache). */
  read: number;
}

/**
 * The parser (js-yaml, marked) is loaded only when a file has to be read: a start over an unchanged,
 * cached archive never needs it.
 */
let parser: Promise<typeof import('./parse-post.js')> | undefined;
export const loadParser = (): Promise<typeof import('./parse-post.js')> => (parser ??= import('./parse-post.js'));

/**
 * One file's text, with its stamp taken before reading, so that a change made while reading shows as a new stamp.
 * Read synchronously: for ten thousand small files the four round trips of an asynchronous read (open, stat, read,
 * close, each through the thread pool) cost several times the reading itself.
 */
export function readPostTextSync(file: string, withStamp: boolean, maxBytes = SOURCE_LIMITS.postMaxBytes): { stamp?: FileStamp; text: string } {
  // Non-blocking, so that a FIFO named like a post cannot hang the bot; it is refused below as not a file.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw Object.assign(new Error('not a regular file'), { code: s.isDirectory() ? 'EISDIR' : 'not a regular file' });
    // A 50 MB "post" would hold the index and every search hostage: it is reported, never read.
    if (s.size > maxBytes) throw new TooBigError(`${bytesText(s.size)}, over the limit of ${bytesText(maxBytes)} (RDOBOT_POST_MAX_BYTES); skipped`);
    return { stamp: withStamp ? stampOf(s) : undefined, text: readWhole(fd, s.size) };
  } finally {
    closeSync(fd);
  }
}

/** The rest of an open file, expecting `size` bytes (it may have grown since). */
function readWhole(fd: number, size: number): string {
  let buffer = Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) return buffer.toString('utf8', 0, length);
    length += n;
  }
}

/** readPostTextSync, for callers that await. */
export async function readPostText(file: string, withStamp: boolean, maxBytes = SOURCE_LIMITS.postMaxBytes): Promise<{ stamp?: FileStamp; text: string }> {
  return readPostTextSync(file, withStamp, maxBytes);
}

/** A post file's text, parsed (not classified). */
export async function parseText(file: string, name: string, text: string, options: Omit<ParseOptions, 'classifier'>): Promise<ReadResult> {
  const { readPost } = await loadParser();
  return readPost(file, name, text, options);
}

/** A read (or cached) outcome with its post classified. */
export function classifiedResult(result: ReadResult, classifier: Classifier): StoredResult {
  return 'post' in result ? { post: classified(result.post, classifier) } : result;
}

/**
 * The outcomes the cache holds for files that have not changed, classified (again, if the classifier changed: those go
 * into `toStore`), and the cached files that are gone. A damaged cache is started afresh and gives nothing.
 */
function fromCache(cache: PostCache, dir: string, files: string[], classifier: Classifier, maxBytes = SOURCE_LIMITS.postMaxBytes) {
  const index = new Map(files.map((file, i) => [file, i]));
  const outcomes = new Array<StoredResult | undefined>(files.length);
  const toStore: { path: string; stamp: FileStamp; result: StoredResult }[] = [];
  const gone: string[] = [];
  try {
    for (const hit of cache.entries(dir)) {
      const i = index.get(hit.path);
      if (i === undefined) {
        gone.push(hit.path);
        continue;
      }
      const now = hit.state >= CURRENT_PARSER && statSync(hit.path, STAT_QUIETLY);
      // A file over the size cap is never answered from the cache either (it may have been cached before the cap).
      if (!now || stampText(now) !== hit.stamp || now.size > maxBytes) continue;
      if (hit.state === CURRENT_BOTH) {
        outcomes[i] = cache.result(hit) as StoredResult;
        continue;
      }
      outcomes[i] = classifiedResult(cache.result(hit), classifier);
      toStore.push({ path: hit.path, stamp: stampOf(now), result: outcomes[i] });
    }
    return { outcomes, toStore, gone };
  } catch {
    try {
      cache.reset();
    } catch {
      // The cache stays unusable: its writes fail quietly and every file is read.
    }
    return { outcomes: new Array<StoredResult | undefined>(files.length), toStore: [], gone: [] };
  }
}

/**
 * Every post file of a directory (not recursive, as Middleman's source/blog). Broken files become warnings.
 * With a cache, a file whose size and times are those cached is not read (nor its post classified again, unless the
 * classifier changed); the others are read, parsed, classified and cached, and files that disappeared are forgotten.
 */
export async function loadPostDirectory(dir: string, options: ParseOptions, cache?: PostCache | null): Promise<LoadResult> {
  const result: LoadResult = { posts: [], warnings: [], hidden: 0, read: 0 };
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isPostFile).sort();
  } catch (err) {
    result.warnings.push({ file: dir, reason: `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    return result;
  }
  // join() once: a post file's name has no slash or dot segment, so the directory's prefix is all it needs.
  const prefix = join(dir, '/');
  if (!options.allowOutside) {
    const links = new Set((await readdir(dir, { withFileTypes: true })).filter((e) => e.isSymbolicLink()).map((e) => e.name));
    names = names.filter((name) => {
      if (!links.has(name) || resolvesInside(dir, prefix + name)) return true;
      result.warnings.push({ file: prefix + name, reason: OUTSIDE_REASON });
      return false;
    });
  }
  const files = names.map((name) => prefix + name);
  const cached = cache ? fromCache(cache, dir, files, options.classifier, options.maxBytes) : { outcomes: new Array<StoredResult | undefined>(files.length), toStore: [], gone: [] };
  const outcomes: (StoredResult | Error | undefined)[] = cached.outcomes;
  const toStore = cached.toStore;
  const misses = files.flatMap((_, i) => (outcomes[i] === undefined ? [i] : []));
  const { readPost } = misses.length > 0 ? await loadParser() : { readPost: undefined };
  for (let from = 0; from < misses.length; from += READ_BATCH) {
    if (from > 0) await nextTurn();
    for (const i of misses.slice(from, from + READ_BATCH)) {
      try {
        const { stamp, text } = readPostTextSync(files[i], Boolean(cache), options.maxBytes);
        outcomes[i] = classifiedResult(readPost!(files[i], names[i], text, options), options.classifier);
        if (stamp) toStore.push({ path: files[i], stamp, result: outcomes[i] as StoredResult });
      } catch (err) {
        // A file that cannot be read is a warning; a parser that breaks is a bug, and is not hidden as one.
        if (!(err as NodeJS.ErrnoException).code) throw err;
        outcomes[i] = err as Error;
      }
    }
  }
  result.read = misses.length;
  outcomes.forEach((outcome, i) => {
    if (outcome === undefined) return;
    if (outcome instanceof TooBigError) result.warnings.push({ file: files[i], reason: outcome.message });
    else if (outcome instanceof Error) result.warnings.push({ file: files[i], reason: `cannot read file: ${(outcome as NodeJS.ErrnoException).code ?? outcome.message}` });
    else if ('post' in outcome) result.posts.push(outcome.post);
    else if ('hidden' in outcome) result.hidden++;
    else result.warnings.push(outcome.warning);
  });
  cache?.store(dir, toStore, cached.gone);
  return result;
}
