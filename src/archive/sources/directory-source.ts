import { createHash } from 'node:crypto';
import { lstatSync, watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { classifiedResult, loadPostDirectory, parseText, readPostText } from '../loader.js';
import type { ParseOptions } from '../parse-post.js';
import { isPostFile } from '../permalink.js';
import type { FileStamp, PostCache } from '../post-cache.js';
import type { PostSource, SourceUpdate } from './source.js';
import { OUTSIDE_REASON, resolvesInside, TooBigError } from '../inside.js';
import { firstLine } from '../../base/first-line.js';
import { lackOfResource, resourceReason } from '../resource-errors.js';

/** Editors save in bursts (write, rename, chmod): wait this long after the last event for a file. */
const SETTLE_MS = 60;

/** Waits before reading again a file (or watching again a directory) that failed for lack of a resource. */
const RETRY_MS = [500, 1000, 2000, 5000, 10_000, 30_000];

/**
 * A directory of Middleman posts, watched: a changed, added or removed file is read again on its own,
 * without rereading the rest. A file that breaks keeps its last good version and is reported.
 */
export class DirectorySource implements PostSource {
  readonly root: string;
  private watcher: FSWatcher | null = null;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Files that gave a post, with a digest of the text last read ('' before the first re-read). */
  private known = new Map<string, string>();
  private onUpdate: ((u: SourceUpdate) => void) | null = null;
  /** Files that could not be read for lack of a resource, with the retries made so far: read again until they load. */
  private readonly retries = new Map<string, number>();
  private watchRetries = 0;
  private watchTimer: NodeJS.Timeout | null = null;

  constructor(
    dir: string,
    private readonly options: ParseOptions,
    /** Parsed posts kept between starts; files re-read while following are written to it too. */
    private readonly cache: PostCache | null = null,
  ) {
    this.root = resolve(dir);
  }

  async load(): Promise<SourceUpdate> {
    const result = await loadPostDirectory(this.root, this.options, this.cache);
    this.known = new Map(result.posts.map((p) => [p.source, '']));
    // Said once (in the warnings), then read again until they load.
    for (const file of result.retry) this.retries.set(file.slice(this.root.length + 1), 0);
    return { root: this.root, initial: true, upserted: result.posts, removed: [], warnings: result.warnings };
  }

  start(onUpdate: (u: SourceUpdate) => void): void {
    this.onUpdate = onUpdate;
    for (const name of this.retries.keys()) this.retryLater(name);
    this.watch();
  }

  private watch(): void {
    try {
      this.watcher = watch(this.root, { persistent: false }, (_event, name) => {
        if (name && isPostFile(name)) this.schedule(name);
        else if (!name) void this.rescan();
      });
      this.watchRetries = 0;
      // A watcher that failed is gone: watch again, and look at what changed meanwhile.
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null;
        this.watchAgainLater();
      });
    } catch (err) {
      // Without descriptors (EMFILE, ENOSPC: the inotify watches ran out), watch again once there are; a directory
      // that does not exist yet is found by a rescan (git pull).
      if (lackOfResource(err)) this.watchAgainLater();
    }
  }

  private watchAgainLater(): void {
    if (this.watchTimer || !this.onUpdate) return;
    this.watchTimer = setTimeout(() => {
      this.watchTimer = null;
      void this.rescan();
    }, RETRY_MS[Math.min(this.watchRetries++, RETRY_MS.length - 1)]);
    this.watchTimer.unref();
  }

  /** Read a file again after a wait that grows with each failure, until it loads. */
  private retryLater(name: string): void {
    const tries = this.retries.get(name) ?? 0;
    this.retries.set(name, tries + 1);
    clearTimeout(this.pending.get(name));
    const timer = setTimeout(() => {
      this.pending.delete(name);
      void this.refreshFile(name).then((u) => u && this.onUpdate?.(u));
    }, RETRY_MS[Math.min(tries, RETRY_MS.length - 1)]);
    timer.unref();
    this.pending.set(name, timer);
  }

  private schedule(name: string): void {
    clearTimeout(this.pending.get(name));
    this.pending.set(
      name,
      setTimeout(() => {
        this.pending.delete(name);
        void this.refreshFile(name).then((u) => u && this.onUpdate?.(u));
      }, SETTLE_MS),
    );
  }

  /** Read one file again and say what changed; whatever goes wrong is that file's warning, never the source's end. */
  async refreshFile(name: string): Promise<SourceUpdate | null> {
    try {
      return await this.readAgain(name);
    } catch (err) {
      return { root: this.root, initial: false, upserted: [], removed: [], warnings: [{ file: join(this.root, name), reason: `could not be read: ${firstLine(err)}; its last good version is kept` }] };
    }
  }

  private async readAgain(name: string): Promise<SourceUpdate | null> {
    const file = join(this.root, name);
    const update: SourceUpdate = { root: this.root, initial: false, upserted: [], removed: [], warnings: [] };
    let read: { stamp?: FileStamp; text: string };
    if (!this.options.allowOutside && existsQuietly(file) && !resolvesInside(this.root, file)) {
      // A link that leads out (or nowhere): what was known of it is forgotten, nothing is read through it.
      if (this.known.delete(file)) update.removed.push(file);
      update.warnings.push({ file, reason: OUTSIDE_REASON });
      return update;
    }
    try {
      read = await readPostText(file, this.cache !== null, this.options.maxBytes);
    } catch (err) {
      if (err instanceof TooBigError) {
        // Too big now: the last good version stays, as for a file that broke.
        update.warnings.push({ file, reason: `${err.message}; its last good version is kept` });
        return update;
      }
      if (lackOfResource(err)) {
        // Not gone: the bot ran out of descriptors or space. Said once; read again until it loads.
        const first = !this.retries.has(name);
        this.retryLater(name);
        if (!first) return null;
        update.warnings.push({ file, reason: `${resourceReason(err)}${this.known.has(file) ? '; its last good version is kept' : ''}` });
        return update;
      }
      this.cache?.store(this.root, [], [file]);
      if (!this.known.delete(file)) return null;
      update.removed.push(file);
      return update;
    }
    // The watcher and a git pull may both report one write: the same text read twice is not a change.
    this.retries.delete(name);
    const digest = createHash('sha1').update(read.text).digest('base64');
    if (this.known.get(file) === digest) return null;
    const parsed = classifiedResult(await parseText(file, name, read.text, this.options), this.options.classifier);
    if (read.stamp) this.cache?.store(this.root, [{ path: file, stamp: read.stamp, result: parsed }]);
    if ('post' in parsed) {
      this.known.set(file, digest);
      update.upserted.push(parsed.post);
    } else if ('hidden' in parsed) {
      if (!this.known.delete(file)) return null;
      update.removed.push(file);
    } else {
      update.warnings.push(parsed.warning);
    }
    return update;
  }

  /** Compare the directory with what is known (after a git pull, or when the watcher lost track). */
  async rescan(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.root)).filter(isPostFile);
    } catch {
      names = [];
    }
    const present = new Set(names.map((n) => join(this.root, n)));
    const update: SourceUpdate = { root: this.root, initial: false, upserted: [], removed: [], warnings: [] };
    for (const file of this.known.keys()) {
      if (!present.has(file)) {
        this.known.delete(file);
        update.removed.push(file);
      }
    }
    for (const name of names) {
      const one = await this.refreshFile(name);
      if (one) {
        update.upserted.push(...one.upserted);
        update.warnings.push(...one.warnings);
      }
    }
    if (!this.watcher) this.start(this.onUpdate ?? (() => {}));
    this.onUpdate?.(update);
  }

  async stop(): Promise<void> {
    this.watcher?.close();
    this.watcher = null;
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.watchTimer = null;
    this.onUpdate = null;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }
}

const existsQuietly = (file: string): boolean => lstatSync(file, { throwIfNoEntry: false }) !== undefined;
