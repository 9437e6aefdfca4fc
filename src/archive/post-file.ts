import { constants, readFileSync, statSync, type Stats } from 'node:fs';
import type { Classifier } from './classify/classify.js';
import { TooBigError } from './inside.js';
import { bytesText, SOURCE_LIMITS } from './limits.js';
import type { ParseOptions, ReadResult } from './parse-post.js';
import type { LoadWarning, Post } from './post.js';
import { classifyLater } from './lazy-kinds.js';
import type { LightEntry } from './snapshot-part.js';
import { firstLine } from '../base/first-line.js';

/** What identifies one version of a file: its size, and when its content and its inode last changed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export const stampOf = (s: FileStamp): FileStamp => ({ size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs });

/** What a file was found to be, its post classified on first use (see classifiedResult): what the loader keeps. */
export type StoredResult = { post: Post } | { hidden: true } | { warning: LoadWarning };

/**
 * One file's outcome as the post cache stores it: the outcome as JSON (a post without its body, its date as millis),
 * the body, and what the directory's snapshot keeps of a post beside its JSON (null for another outcome).
 */
export interface CacheRow {
  data: string;
  /** Bound as text, which node:sqlite encodes as it binds it (a Buffer of it first was one copy more). */
  body: string | null;
  light: LightEntry | null;
}

/** One file's outcome: what it was read as (not yet classified), or why it could not be read; and its stamp when asked for. */
export interface FileOutcome {
  stamp?: FileStamp;
  outcome: ReadResult | Error;
  /** The outcome as the post cache stores it, when the thread that read the file made it (see read-worker.ts). */
  row?: CacheRow;
}

/**
 * Opened non-blocking, so that a FIFO put in a file's place since its stat cannot hang the bot. (Node takes numeric
 * flags, as open(2) does; its types say only text.)
 */
const NON_BLOCKING = (constants.O_RDONLY | constants.O_NONBLOCK) as unknown as string;

/**
 * One file's text, with its stamp taken before reading, so that a change made while reading shows as a new stamp.
 * Read synchronously: for ten thousand small files the four round trips of an asynchronous read (open, stat, read,
 * close, each through the thread pool) cost several times the reading itself; and in two calls (the stat, then
 * Node's one-call read of a whole UTF-8 file) rather than five. A file replaced between the two is read as it is
 * then, under the stamp of the one it replaced: the next start finds the stamp changed and reads it again. `listed`:
 * the stamp of a regular file as its listing found it (listing.ts: NaN for anything else), which is then the stamp
 * taken before reading: the file is not looked at a second time.
 */
export function readPostTextSync(file: string, withStamp: boolean, maxBytes = SOURCE_LIMITS.postMaxBytes, listed?: FileStamp): { stamp?: FileStamp; text: string } {
  const s = listed && Number.isFinite(listed.size) ? listed : regularFile(file);
  // A 50 MB "post" would hold the index and every search hostage: it is reported, never read.
  if (s.size > maxBytes) throw new TooBigError(`${bytesText(s.size)}, over the limit of ${bytesText(maxBytes)} (RDOBOT_POST_MAX_BYTES); skipped`);
  return { stamp: withStamp ? stampOf(s) : undefined, text: readFileSync(file, { encoding: 'utf8', flag: NON_BLOCKING }) };
}

/** A file's stat; throws when it is not a regular file. */
function regularFile(file: string): Stats {
  const s = statSync(file);
  if (!s.isFile()) throw Object.assign(new Error('not a regular file'), { code: s.isDirectory() ? 'EISDIR' : 'not a regular file' });
  return s;
}

/** readPostTextSync, for callers that await. */
export async function readPostText(file: string, withStamp: boolean, maxBytes = SOURCE_LIMITS.postMaxBytes): Promise<{ stamp?: FileStamp; text: string }> {
  return readPostTextSync(file, withStamp, maxBytes);
}

/** A read (or cached) outcome whose post is classified by these rules when its kinds are first read (see classifyLater). */
export function classifiedResult(result: ReadResult, classifier: Classifier): StoredResult {
  return 'post' in result ? { post: classifyLater(result.post, classifier) } : result;
}

type ReadPost = typeof import('./parse-post.js').readPost;

/**
 * One post file read and parsed (its post classified where its kinds are read: see classifiedResult). A file that
 * cannot be read is an outcome (a warning to be); so is one that breaks the parser, whatever the error: one file never
 * stops the others (nor the reading thread). Such an outcome carries no stamp, so it is not cached: the file is read again at the next start. `listed`:
 * the file's stamp as its listing found it, when it found a regular file (see readPostTextSync).
 */
export function readOnePost(file: string, name: string, options: Omit<ParseOptions, 'classifier'>, readPost: ReadPost, withStamp: boolean, listed?: FileStamp): FileOutcome {
  let read: { stamp?: FileStamp; text: string };
  try {
    read = readPostTextSync(file, withStamp, options.maxBytes, listed);
  } catch (err) {
    return { outcome: asError(err) };
  }
  try {
    return { stamp: read.stamp, outcome: readPost(file, name, read.text, options) };
  } catch (err) {
    return { outcome: { warning: { file, reason: `could not be read: ${firstLine(err)}` } } };
  }
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

