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

/** Editors save in bursts (write, rename, chmod): wait this long after the last event for a file. */
const SETTLE_MS = 60;

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
    return { root: this.root, initial: true, upserted: result.posts, removed: [], warnings: result.warnings };
  }

  start(onUpdate: (u: SourceUpdate) => void): void {
    this.onUpdate = onUpdate;
    try {
      this.watcher = watch(this.root, { persistent: false }, (_event, name) => {
        if (name && isPostFile(name)) this.schedule(name);
        else if (!name) void this.rescan();
      });
      this.watcher.on('error', () => void this.rescan());
    } catch {
      // The directory may not exist yet; a rescan (git pull) will find it.
    }
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

  /** Read one file again and say what changed. */
  async refreshFile(name: string): Promise<SourceUpdate | null> {
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
      this.cache?.store(this.root, [], [file]);
      if (!this.known.delete(file)) return null;
      update.removed.push(file);
      return update;
    }
    // The watcher and a git pull may both report one write: the same text read twice is not a change.
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
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }
}

const existsQuietly = (file: string): boolean => lstatSync(file, { throwIfNoEntry: false }) !== undefined;
