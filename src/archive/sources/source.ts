import type { Post, LoadWarning } from '../post.js';

/** What a source reports: posts that appeared or changed, sources that went away, problems found. */
export interface SourceUpdate {
  /** The source's root (a directory or a feed URL), for per-source bookkeeping such as announcement baselines. */
  root: string;
  /** True for the source's first complete read. */
  initial: boolean;
  upserted: Post[];
  /** Post sources (file paths, feed item ids) that no longer exist. */
  removed: string[];
  warnings: LoadWarning[];
}

/** A place posts come from: a directory, a git checkout, a feed. */
export interface PostSource {
  readonly root: string;
  /** Read everything once; returns the initial update. */
  load(): Promise<SourceUpdate>;
  /** Follow changes, calling `onUpdate` for each batch. */
  start(onUpdate: (update: SourceUpdate) => void): void;
  stop(): Promise<void>;
}
