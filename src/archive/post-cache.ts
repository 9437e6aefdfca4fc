import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { classifiedResult, type FileStamp, type StoredResult } from './post-file.js';
import type { Classifier } from './classify/classify.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { privateFile, stateProblem } from '../base/state-files.js';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Logger } from '../base/log.js';
import { silentLogger } from '../base/log.js';
import { PROJECT_ROOT } from '../base/paths.js';
import type { ReadResult } from './parse-post.js';
import { join } from 'node:path';
import type { ParsedPost, Post } from './post.js';
import { SnapshotPost, type BodyStore } from './snapshot-post.js';
import { keep, lazyDate, snapshotIdentity, toRow, type CacheRow } from './cache-row.js';
import { keepSummariesIn, SUMMARY_ACCESSOR } from './lazy-summary.js';
import { keepKindsIn } from './lazy-kinds.js';
import type { ValueKeeper } from './value-keeper.js';
import { decodePart, encodeParts, entryStamp, entryText, type SnapshotPart, type SnapshotRow, type StoredPart } from './snapshot-part.js';

/** Bumped whenever the layout of the cache file changes; a cache file of another format is deleted and rebuilt. */
export const POST_CACHE_FORMAT = 4;

/** A file changed this recently may change again within the file system's clock tick unseen: it is not cached yet. */
const SETTLE_MS = 2000;

export { stampOf, type FileStamp, type StoredResult } from './post-file.js';

/** A stamp as one text, as it is stored and compared (JavaScript writes a number the same way every time). */
export const stampText = (s: FileStamp) => `${s.size}:${s.mtimeMs}:${s.ctimeMs}`;


const LOCAL_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*)'(\.{1,2}\/[^']+\.js)'/gm;
/** Built, src/base/zod.js is zod itself (bundled there: src/base/zod.ts), a dependency pinned by package.json like the rest. */
const BUNDLED = /\/src\/base\/zod\.js$/;

/** A compiled module and every local module it imports, directly or not (type-only imports are gone once compiled). */
export function moduleClosure(entry: URL): URL[] {
  const seen = new Map<string, URL>();
  const visit = (url: URL) => {
    if (seen.has(url.href) || BUNDLED.test(url.pathname)) return;
    seen.set(url.href, url);
    let text: string;
    try {
      text = readFileSync(url, 'utf8');
    } catch {
      return;
    }
    for (const m of text.matchAll(LOCAL_IMPORT)) visit(new URL(m[1], url));
  };
  visit(entry);
  // In code-unit order: localeCompare would set up ICU's collator (≈10 ms) at every start, for an order only a hash sees.
  return [...seen.values()].sort((a, b) => (a.href < b.href ? -1 : a.href > b.href ? 1 : 0));
}

/**
 * What a piece of code makes of a post, as a short hash: the code itself (the module and everything local it imports,
 * so a refactor cannot slip through), the pinned dependencies (package.json), and its settings. A cached outcome
 * recorded under another fingerprint is not used.
 */
export function codeFingerprint(entry: URL, settings: unknown): string {
  const hash = createHash('sha256');
  hash.update(`format ${POST_CACHE_FORMAT}\n${JSON.stringify(settings) ?? ''}\n`);
  for (const file of [pathToFileURL(`${PROJECT_ROOT}package.json`), ...moduleClosure(entry)]) {
    hash.update(`${fileURLToPath(file).slice(PROJECT_ROOT.length)}\n`);
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('(missing)');
    }
  }
  return hash.digest('hex').slice(0, 24);
}

/** The parser's fingerprint (parse-post.js and what it imports), for these parse settings. */
export const parserFingerprint = (settings: unknown) => codeFingerprint(new URL('./parse-post.js', import.meta.url), settings);

/** The classifier's fingerprint (classify.js and what it imports), for these rules. */
export const classifierFingerprint = (rules: unknown) => codeFingerprint(new URL('./classify/classify.js', import.meta.url), rules);

export interface Fingerprints {
  parser: string;
  classifier: string;
}

/** The cached outcome for one file, as read back. */
export interface CachedFile {
  path: string;
  /** stampText() of the file it was read from. */
  stamp: string;
  /** The outcome as JSON, without the post's body (read when first needed) and date (kept as millis). */
  data: string;
  /** CURRENT_PARSER when the current parser made it (otherwise the file must be read again). */
  state: number;
}

export const CURRENT_PARSER = 1;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    dir TEXT NOT NULL,
    stamp TEXT NOT NULL,
    parser TEXT NOT NULL,
    data TEXT NOT NULL,
    body BLOB
  );
  CREATE INDEX IF NOT EXISTS files_by_dir ON files (dir);
  CREATE TABLE IF NOT EXISTS derived (
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    stamp TEXT NOT NULL,
    parser TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (path, name)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS snapshots (
    dir TEXT NOT NULL,
    part INTEGER NOT NULL,
    parser TEXT NOT NULL,
    identity TEXT NOT NULL,
    names TEXT NOT NULL,
    stamps BLOB NOT NULL,
    light TEXT NOT NULL,
    data BLOB NOT NULL,
    offsets BLOB NOT NULL,
    PRIMARY KEY (dir, part)
  );`;

const utf8 = new TextDecoder();

/** Where the entry starting at `from` of a text of entries separated by U+001E ends. */
const endOf = (text: string, from: number): number => {
  const i = text.indexOf('\u001e', from);
  return i === -1 ? text.length : i;
};

/** Cache rows read in one query (see PostCache.entries): about 1 MB of text for real-shaped posts. */
const ENTRIES_AT_ONCE = 1000;

/** Files per part of a directory's snapshot (see PostCache.snapshot): about half a megabyte of text each. */
const SNAPSHOT_PART = 1000;

export type { LightEntry, SnapshotPart, SnapshotRow } from './snapshot-part.js';

/**
 * Cached posts are built without their DateTime (a luxon DateTime weighs about a kilobyte) and without their body
 * (the bulk of the archive, needed only to build the search index): both are made on first use and then kept as plain
 * properties. Most posts of a large archive are never shown. A body comes from the row the post was read from (the
 * same path, stamp and parser); if that row has been replaced since (another rdobot saw the file change), from the file.
 */
interface BodySource {
  cache: PostCache;
  stamp: string;
}

/**
 * The cached row each post was read from or stored as (its file's path and stamp, by the current parser): what a value
 * derived from the post is kept under. A post with none (from a feed, or a file too fresh to cache) is derived afresh.
 * `bodyFrom` is where its body still waits (see lazyBody), null once read or when the post came with it. One map for
 * both: a start of 100,000 posts spent a tenth of a second more on a second WeakMap.
 */
interface CachedRow extends BodySource {
  path: string;
  bodyFrom: BodySource | null;
}
const rows = new WeakMap<object, CachedRow>();

/** The cache, path and stamp a post was read from (see CachedRow), whether it came from a row or a snapshot. */
function rowOf(post: object): { cache: BodyStore; path: string; stamp: string } | undefined {
  return post instanceof SnapshotPost ? { cache: post.store, path: post.source, stamp: post.stamp } : rows.get(post);
}

/**
 * Values worked out from posts by code outside the archive (the dates a post announces in its prose), kept beside
 * the posts' parse under a name and the fingerprint of the code that worked them out (see codeFingerprint). A value
 * is given back only for the very version of the post it was derived from, by the same parser and the same code:
 * a changed post, parser or reader derives it again.
 */
export interface DerivedValues {
  /** The value kept for this post, or undefined when it must be worked out (again). */
  get(post: object): string | undefined;
  /** Keep a value worked out for this post (written by save()); a post the cache does not hold is not kept. */
  set(post: object, value: string): void;
  /** Write the values set since the last save, in one transaction; failing to write is one log line. */
  save(): void;
}

/** The accessors a cached post gets for its date and body (one object for all posts). */
const LAZY: PropertyDescriptorMap = { date: { get: lazyDate, enumerable: true, configurable: true }, body: { get: lazyBody, enumerable: true, configurable: true }, summary: SUMMARY_ACCESSOR };

function lazyBody(this: ParsedPost): string {
  const row = rows.get(this);
  const source = row?.bodyFrom;
  if (row) row.bodyFrom = null;
  if (!source) return keep(this, 'body', '');
  const bytes = source.cache.bodyOf(this.source, source.stamp);
  return keep(this, 'body', bytes ? utf8.decode(bytes) : bodyOfFile(this.source));
}

/**
 * A post's body for one reading (the search index reads every body once): a body still in the cache is read from it
 * and not kept on the post, so that indexing 100,000 posts does not hold all their texts in memory.
 */
export function bodyOnce(post: ParsedPost): string {
  if (post instanceof SnapshotPost) return post.bodyOnce();
  const source = rows.get(post)?.bodyFrom;
  const bytes = source?.cache.bodyOf(post.source, source.stamp);
  return bytes ? utf8.decode(bytes) : post.body;
}

/** A file's outcome to be cached: its path, the stamp it was read at, and the row made for it when its reader made one. */
export interface ToStore {
  path: string;
  stamp: FileStamp;
  result: ReadResult;
  row?: CacheRow;
}

/** A post's searched fields for one reading (see SnapshotPost.fieldsOnce): the post itself unless it is a snapshot's. */
export function fieldsOnce(post: Post): Pick<Post, 'title' | 'tags' | 'author' | 'media'> {
  return post instanceof SnapshotPost ? post.fieldsOnce() : post;
}

/** The text after a file's front matter, for a body whose cached row is gone: the file as it is now. */
function bodyOfFile(file: string): string {
  try {
    const text = readFileSync(file, 'utf8');
    const m = /^---[^\n]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
    return m ? text.slice(m[0].length) : text;
  } catch {
    return '';
  }
}

export interface PostCacheOptions {
  logger?: Logger;
  /** How long after its last change a file is trusted to stay as read (default 2 s; see SETTLE_MS). */
  settleMs?: number;
  now?: () => number;
}

function connect(file: string): DatabaseSync {
  privateFile(file);
  const db = new DatabaseSync(file);
  try {
    // synchronous = OFF: the cache is only a shortcut, and a first start writes every post into it. Should a power
    // loss damage it, the damage is found and the file moved aside and rebuilt (see isDamage): nothing is lost.
    // page_size (set before WAL, as only a new file takes it): a row is a post's JSON and its body, some 5 kB, which
    // 4 kB pages split into overflow chains; with 64 kB pages a first start of 10,000 posts spent about half as long
    // inserting them (measured on the insert alone: 260 against 150 ms of CPU).
    db.exec(`PRAGMA busy_timeout = 2000; PRAGMA page_size = 65536; PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; ${SCHEMA}`);
    const format = db.prepare("SELECT value FROM meta WHERE key = 'format'").get() as { value: string } | undefined;
    if (format === undefined) db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('format', ?)").run(String(POST_CACHE_FORMAT));
    else if (format.value !== String(POST_CACHE_FORMAT)) throw new Error(`cache format ${format.value}, not ${POST_CACHE_FORMAT}`);
    // The schema version every state file carries (PRAGMA user_version): for this cache its one upgrade step is a
    // rebuild, so a file of another version is started afresh like one of another format.
    const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version !== 0 && version !== POST_CACHE_FORMAT) throw new Error(`cache format ${version}, not ${POST_CACHE_FORMAT}`);
    if (version === 0) db.exec(`PRAGMA user_version = ${POST_CACHE_FORMAT}`);
    privateFile(file);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function removeCacheFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}

/** What the cache holds, for the one-line account of a failure (stateProblem). */
const HOLDS = 'parsed posts (only a shortcut: they are read again)';

/** A cache that SQLite finds damaged, or a row that does not read back: kept aside, never deleted. */
export const isDamage = (err: unknown) => err instanceof SyntaxError || /not a database|malformed|corrupt/i.test((err as Error)?.message ?? '');

/**
 * A damaged cache file (and its -wal and -shm, which belong to it) moved to `<file>.corrupt-<time>`, for whoever wants
 * to look at it; returns that name. Throws when it cannot be moved: the file is then left where it is.
 */
function moveAside(file: string, now: number): string {
  const aside = `${file}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  renameSync(file, aside);
  return aside;
}

/**
 * Parsed posts on disk (node:sqlite), keyed by file path, size, modification and change time, so that a start over an
 * unchanged archive reads no post file. Each row also records which parser made it: a file whose stamp differs, or
 * that another parser read, is read again. What is worked out from a post later (its kinds, summary, announced dates)
 * is kept beside it under the fingerprint of the code and rules that worked it out (see derived).
 * A cache file of another format is deleted and rebuilt; a damaged one is moved aside, never deleted, and rebuilt; a
 * failure to read or write it is one log line naming it. It is only ever a shortcut: the bot goes on from its files.
 */
export class PostCache implements BodyStore {
  private readonly statements = new Map<string, StatementSync>();
  private readonly logger: Logger;
  private readonly settleMs: number;
  private readonly now: () => number;
  private saidBodyFailure = false;
  /** The values worked out from posts when first read, by name (see kept). */
  private readonly keptValues = new Map<LazyValue, DerivedValues>();

  private constructor(
    private db: DatabaseSync,
    readonly file: string,
    readonly fingerprints: Fingerprints,
    options: PostCacheOptions,
  ) {
    this.logger = options.logger ?? silentLogger();
    this.settleMs = options.settleMs ?? SETTLE_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * The cache at `file`. One of another format is started afresh; a damaged one is moved aside (see moveAside) and
   * started afresh; null, after one log line naming the file, when none can be had (a full disk, no permission).
   */
  static open(file: string, fingerprints: Fingerprints, options: PostCacheOptions = {}): PostCache | null {
    const logger = options.logger ?? silentLogger();
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        return new PostCache(connect(file), file, fingerprints, options);
      } catch (err) {
        const problem = stateProblem(file, err, HOLDS);
        if (/cache format/.test((err as Error).message)) {
          // Written by another rdobot version, and read fine: nothing in it is of use to this one.
          logger.info({ file }, `post cache of another format (${(err as Error).message}); starting it afresh`);
          removeCacheFile(file);
          continue;
        }
        if (!isDamage(err) || !setAside(file, logger, options.now ?? Date.now)) {
          logger.warn({ file }, `post cache unavailable: ${problem}; posts are read from their files`);
          return null;
        }
      }
    }
    logger.warn({ file }, 'post cache unavailable; posts are read from their files');
    return null;
  }

  private statement(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** The fingerprint of the identity code (identity.js), under which a snapshot keeps each post's identity. */
  private get identityPrint(): string {
    return (this.identityPrintKept ??= codeFingerprint(new URL('./identity.js', import.meta.url), null));
  }

  private identityPrintKept: string | undefined;

  /**
   * A directory's rows by the current parser, as a few texts (SNAPSHOT_PART files each) read at once: a warm start
   * reads these instead of ten thousand rows, each with its own values and strings. A snapshot is a copy of rows, each
   * entry still with the stamp it was read at: an entry is used only for a file whose stamp is that one now, exactly
   * as a row is, so a stale snapshot can cost a start time but never give an old post. Each post's instant and
   * identity are kept beside its JSON, which is parsed only when the post is read further (see snapshotResult).
   * Nothing when there is none for this parser and identity code. Throws when the cache turns out to be damaged.
   */
  *snapshot(dir: string): Generator<SnapshotPart> {
    const parts = this.statement('SELECT names, stamps, light, data, offsets FROM snapshots WHERE dir = ? AND parser = ? AND identity = ? ORDER BY part').iterate(dir, this.fingerprints.parser, this.identityPrint) as Iterable<StoredPart>;
    for (const row of parts) yield decodePart(row);
  }

  /** How many files a directory's snapshot holds, about (by its parts); 0 when it has none. */
  snapshotSize(dir: string): number {
    try {
      const row = this.statement('SELECT count(*) AS parts FROM snapshots WHERE dir = ? AND parser = ? AND identity = ?').get(dir, this.fingerprints.parser, this.identityPrint) as { parts: number };
      return row.parts * SNAPSHOT_PART;
    } catch {
      // Said by the snapshot's reading, next.
      return 0;
    }
  }

  /**
   * The outcome of entry j of a snapshot's part, for the file at `path`: a post is made light (see SnapshotPost),
   * another outcome parsed; a post is classified by `classifier` when its kinds are first read.
   */
  snapshotResult(part: SnapshotPart, j: number, path: string, classifier: Classifier): StoredResult {
    const millis = part.light[j * 2];
    if (typeof millis === 'number') return { post: new SnapshotPost(path, millis, part.light[j * 2 + 1] as string, this, part, j, classifier) };
    return classifiedResult(this.adopt(JSON.parse(entryText(part, j)) as ReadResult, path, entryStamp(part, j)), classifier);
  }

  /**
   * Make a directory's snapshot afresh (after a start that found it missing or out of date) from `rows`, every row of
   * the directory by the current parser that this start used or wrote, in one transaction with the removal of the old
   * one. Failing to write it is one log line; the rows serve meanwhile.
   */
  renewSnapshot(dir: string, rows: SnapshotRow[]): void {
    try {
      const parts = encodeParts(join(dir, '/'), rows, SNAPSHOT_PART, snapshotIdentity);
      this.transaction(() => {
        this.statement('DELETE FROM snapshots WHERE dir = ?').run(dir);
        const put = this.statement('INSERT INTO snapshots (dir, part, parser, identity, names, stamps, light, data, offsets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
        parts.forEach((p, part) => put.run(dir, part, this.fingerprints.parser, this.identityPrint, p.names, p.stamps, p.light, p.data, p.offsets));
      });
    } catch (err) {
      this.logger.warn({ file: this.file }, `post cache not updated: ${stateProblem(this.file, err, HOLDS)}`);
    }
  }

  /** The row cached for one file, if any (for a file its directory's snapshot does not hold as it now is). */
  entry(path: string): Readonly<CachedFile> | undefined {
    const row = this.statement('SELECT stamp, data, parser = ? AS state FROM files WHERE path = ?').get(this.fingerprints.parser, path) as { stamp: string; data: string; state: number } | undefined;
    return row && { path, stamp: row.stamp, data: row.data, state: row.state };
  }

  *entries(dir: string): Generator<Readonly<CachedFile>> {
    // Few values per row, since node:sqlite's cost is per value: stamp, data and path come as one text (separated by
    // U+001F, which a stamp never has and JSON always escapes; a path may hold anything, so it comes last), and bodies
    // stay in the cache until needed (see lazyBody). The object yielded is the same each time: use it, do not keep it.
    const { parser } = this.fingerprints;
    const file: CachedFile = { path: '', stamp: '', data: '', state: 0 };
    const fill = (entry: string, state: number): CachedFile => {
      const a = entry.indexOf('\u001f');
      const b = entry.indexOf('\u001f', a + 1);
      file.stamp = entry.slice(0, a);
      file.data = entry.slice(a + 1, b);
      file.path = entry.slice(b + 1);
      file.state = state;
      return file;
    };
    // Rows come ENTRIES_AT_ONCE at a time as two texts, entries separated by U+001E (JSON escapes it; a path holding
    // it is read row by row, below): node:sqlite's cost is per value and per row, and splitting a text costs less.
    // Each key (state digit, stamp, path) is cut from a text of keys only, as the cut pieces keep their whole text
    // alive while a post keeps its path and stamp; the data is parsed and dropped.
    const chunk = this.statement(
      `SELECT group_concat(key, char(30)) AS keys, group_concat(data, char(30)) AS data, max(id) AS last FROM (SELECT rowid AS id, (parser = ?) || stamp || char(31) || path AS key, data FROM files WHERE dir = ? AND rowid > ? AND instr(path, char(30)) = 0 ORDER BY rowid LIMIT ${ENTRIES_AT_ONCE})`,
    );
    for (let after = -1; ; ) {
      const { keys, data, last } = chunk.get(parser, dir, after) as { keys: string | null; data: string | null; last: number | null };
      if (keys === null || data === null || last === null) break;
      after = last;
      for (let from = 0, at = 0; from < keys.length; ) {
        const to = endOf(keys, from);
        const end = endOf(data, at);
        const key = keys.slice(from + 1, to);
        const a = key.indexOf('\u001f');
        file.state = keys.charCodeAt(from) - 48;
        file.stamp = key.slice(0, a);
        file.path = key.slice(a + 1);
        file.data = data.slice(at, end);
        yield file;
        from = to + 1;
        at = end + 1;
      }
    }
    const odd = this.statement(
      'SELECT stamp || char(31) || data || char(31) || path AS entry, parser = ? AS state FROM files WHERE dir = ? AND instr(path, char(30)) > 0',
    ).iterate(parser, dir) as unknown as Iterable<{ entry: string; state: number }>;
    for (const { entry, state } of odd) yield fill(entry, state);
  }

  /**
   * Record what files were found to be and forget files that are gone, in one transaction. Files changed too recently
   * to be sure of (see SETTLE_MS) are left out: they are read again next time. Failing to write is not an error: the
   * cache is a shortcut, and the next start reads the files again.
   */
  store(dir: string, results: ToStore[], gone: string[] = []): { changed: number; written: SnapshotRow[]; failed: boolean } {
    const settledBefore = this.now() - this.settleMs;
    const settled = results.filter((r) => Math.max(r.stamp.mtimeMs, r.stamp.ctimeMs) < settledBefore);
    const written: SnapshotRow[] = [];
    if (settled.length === 0 && gone.length === 0) return { changed: 0, written, failed: false };
    try {
      this.transaction(() => {
        const put = this.statement('INSERT OR REPLACE INTO files (path, dir, stamp, parser, data, body) VALUES (?, ?, ?, ?, ?, ?)');
        for (const { path, stamp, result, row: made } of settled) {
          const row = made ?? toRow(result, path);
          const text = stampText(stamp);
          put.run(path, dir, text, this.fingerprints.parser, row.data, row.body);
          // The stamp's numbers too, which the snapshot made at the end of a first start would otherwise read back from its text.
          written.push({ path, stamp: text, numbers: [stamp.size, stamp.mtimeMs, stamp.ctimeMs], data: row.data, light: row.light });
        }
        const drop = this.statement('DELETE FROM files WHERE path = ?');
        const dropDerived = this.statement('DELETE FROM derived WHERE path = ?');
        for (const path of gone) {
          drop.run(path);
          dropDerived.run(path);
        }
      });
      // The stamps as written (a stamp's text is worth making once: its numbers are fractional milliseconds).
      settled.forEach(({ path, result }, i) => {
        if ('post' in result) rows.set(result.post, { cache: this, path, stamp: written[i].stamp, bodyFrom: rows.get(result.post)?.bodyFrom ?? null });
      });
      return { changed: settled.length + gone.length, written, failed: false };
    } catch (err) {
      this.logger.warn({ file: this.file }, `post cache not updated: ${stateProblem(this.file, err, HOLDS)}`);
      return { changed: 0, written: [], failed: true };
    }
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (err) {
      // SQLite may have rolled back already (a full disk does): the error to report is the first one, not the
      // "cannot rollback - no transaction is active" of a second ROLLBACK.
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  /** What a cached file was found to be (its post, when it is one, makes its date and body only when asked). */
  result(row: Readonly<CachedFile>): ReadResult {
    return this.adopt(JSON.parse(row.data) as ReadResult, row.path, row.stamp);
  }

  /** A cached outcome as parsed (from a row or a snapshot), its post made ready to use: see result(). */
  adopt(result: ReadResult, path: string, stamp: string): ReadResult {
    if (!('post' in result)) return result;
    const post = result.post;
    const row: CachedRow = { cache: this, path: post.source === path ? post.source : path, stamp, bodyFrom: null };
    // The body is in the very row the post came from.
    row.bodyFrom = row;
    rows.set(post, row);
    Object.defineProperties(post, LAZY);
    return result;
  }

  /**
   * The values kept under `name` by the code of this fingerprint. They are read in one query when first asked for
   * (a few short rows per post), and a row derived from another version of its post is not given back.
   */
  derived(name: string, fingerprint: string): DerivedValues {
    let kept: Map<string, { stamp: string; value: string }> | undefined;
    const pending: [path: string, stamp: string, value: string][] = [];
    const load = () => {
      kept = new Map();
      try {
        // One text per row, as in entries(): node:sqlite's cost is per value. A stamp has no U+001F, JSON escapes it.
        const rows = this.statement('SELECT stamp || char(31) || value || char(31) || path AS row FROM derived WHERE name = ? AND fingerprint = ? AND parser = ?').iterate(name, fingerprint, this.fingerprints.parser) as Iterable<{ row: string }>;
        for (const { row } of rows) {
          const a = row.indexOf('\u001f');
          const b = row.indexOf('\u001f', a + 1);
          kept.set(row.slice(b + 1), { stamp: row.slice(0, a), value: row.slice(a + 1, b) });
        }
      } catch (err) {
        this.logger.warn({ file: this.file }, `post cache not read: ${stateProblem(this.file, err, HOLDS)}; what was worked out from posts is worked out again`);
      }
      return kept;
    };
    return {
      get: (post) => {
        const row = rowOf(post);
        if (row?.cache !== this) return undefined;
        const hit = (kept ?? load()).get(row.path);
        return hit?.stamp === row.stamp ? hit.value : undefined;
      },
      set: (post, value) => {
        const row = rowOf(post);
        if (row?.cache === this) pending.push([row.path, row.stamp, value]);
      },
      save: () => {
        if (pending.length === 0) return;
        const rows = pending.splice(0);
        try {
          this.transaction(() => {
            const put = this.statement('INSERT OR REPLACE INTO derived (path, name, stamp, parser, fingerprint, value) VALUES (?, ?, ?, ?, ?, ?)');
            for (const [path, stamp, value] of rows) put.run(path, name, stamp, this.fingerprints.parser, fingerprint, value);
          });
          if (kept) for (const [path, stamp, value] of rows) kept.set(path, { stamp, value });
        } catch (err) {
          this.logger.warn({ file: this.file }, `post cache not updated: ${stateProblem(this.file, err, HOLDS)}`);
        }
      },
    };
  }

  /**
   * The values of one name worked out from posts when first read (see LAZY_VALUES), kept so that the next start has
   * them without working them out again. Undefined once the cache is closed.
   */
  kept(name: LazyValue): DerivedValues | undefined {
    if (!this.db.isOpen) return undefined;
    let values = this.keptValues.get(name);
    if (!values) this.keptValues.set(name, (values = this.derived(name, LAZY_VALUES[name](this.fingerprints))));
    return values;
  }

  /** Write the values worked out since the last save (see kept). */
  saveKept(): void {
    if (this.db.isOpen) for (const values of this.keptValues.values()) values.save();
  }

  /** A post's body as cached from the file at this path and stamp, or, when it no longer is, the file's. */
  bodyText(path: string, stamp: string): string {
    const bytes = this.bodyOf(path, stamp);
    return bytes ? utf8.decode(bytes) : bodyOfFile(path);
  }

  /** A post's body as cached from the file at this path and stamp, by the current parser; undefined if it is not. */
  bodyOf(path: string, stamp: string): Uint8Array | undefined {
    try {
      const row = this.statement('SELECT CAST(body AS BLOB) AS body FROM files WHERE path = ? AND stamp = ? AND parser = ?').get(path, stamp, this.fingerprints.parser) as { body: Uint8Array | null } | undefined;
      return row ? (row.body ?? new Uint8Array(0)) : undefined;
    } catch (err) {
      // Read from the file instead; said once, not once per post.
      if (!this.saidBodyFailure) this.logger.warn({ file: this.file }, `post cache not read: ${stateProblem(this.file, err, HOLDS)}; post texts are read from their files`);
      this.saidBodyFailure = true;
      return undefined;
    }
  }

  /**
   * After a failure to read the cache (entries, result): a damaged file is moved aside and the cache started afresh;
   * any other failure is one log line, and the cache is left as it is. Either way this start reads the files.
   */
  failedToRead(err: unknown): void {
    if (!isDamage(err)) {
      this.logger.warn({ file: this.file }, `post cache not read: ${stateProblem(this.file, err, HOLDS)}; posts are read from their files`);
      return;
    }
    this.close();
    if (!setAside(this.file, this.logger, this.now)) return;
    try {
      this.db = connect(this.file);
    } catch (again) {
      // The cache stays closed: its reads and writes fail, one log line each, and every file is read.
      this.logger.warn({ file: this.file }, `post cache unavailable: ${stateProblem(this.file, again, HOLDS)}; posts are read from their files`);
    }
  }

  close(): void {
    // Values worked out just now, not yet written (see keepIn).
    this.saveKept();
    this.statements.clear();
    try {
      this.db.close();
    } catch {
      // closed already
    }
  }
}

/** moveAside with its log line; false (after a log line) when it cannot be moved. */
function setAside(file: string, logger: Logger, now: () => number): boolean {
  try {
    const aside = moveAside(file, now());
    logger.warn({ file, aside }, `${file} is not a database (corrupt?): moved aside to ${aside}; the post cache is built afresh`);
    return true;
  } catch (err) {
    logger.warn({ file }, `${file} is not a database (corrupt?) and cannot be moved aside (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): move it aside or remove it; posts are read from their files until then`);
    return false;
  }
}

/**
 * What is worked out from a post when first read, and the fingerprint it is kept under: the summary by the code that
 * makes it; the kinds by the classifier's code and rules, and the code that keeps them.
 */
const LAZY_VALUES = {
  summary: () => codeFingerprint(new URL('./lazy-summary.js', import.meta.url), null),
  kinds: (prints: Fingerprints) => `${prints.classifier} ${codeFingerprint(new URL('./lazy-kinds.js', import.meta.url), null)}`,
};
type LazyValue = keyof typeof LAZY_VALUES;

/**
 * A cached post's value is kept in the cache it came from, once worked out: written when the work at hand is done
 * (a reply's posts, a schedule's announcements), in one transaction.
 */
const cacheOf = (post: object) => {
  const cache = rowOf(post)?.cache;
  return cache instanceof PostCache ? cache : undefined;
};
const unsaved = new Set<PostCache>();

function keepIn(name: LazyValue): ValueKeeper {
  return {
    get: (post) => cacheOf(post)?.kept(name)?.get(post),
    set: (post, value) => {
      const cache = cacheOf(post);
      const kept = cache?.kept(name);
      if (!cache || !kept) return;
      kept.set(post, value);
      if (unsaved.size === 0) queueMicrotask(saveUnsaved);
      unsaved.add(cache);
    },
  };
}
keepSummariesIn(keepIn('summary'));
keepKindsIn(keepIn('kinds'));

function saveUnsaved(): void {
  // A cache closed since has nothing to write to.
  for (const cache of unsaved) cache.saveKept();
  unsaved.clear();
}
