import type { DateTime } from 'luxon';
import type { Archive, ArchiveStats } from './archive.js';
import { postMillis, type Post, type PostKind } from './post.js';
import type { SearchResults } from './search.js';

/**
 * The archive as it stood at one instant (`--now`, the service's clock): a post dated after it is not yet written, so
 * it is never the latest, listed, found or counted. Reads through to the archive; nothing is copied.
 */
export class ArchiveAt {
  private readonly until: number;

  constructor(
    private readonly archive: Archive,
    at: DateTime,
  ) {
    this.until = at.toMillis();
  }

  private readonly written = (post: Post): boolean => postMillis(post) <= this.until;

  all(kind?: PostKind): Post[] {
    return this.writtenOf(this.archive.all(kind));
  }

  /** Newest first, so the written ones are a tail: only the few posts dated after the instant are looked at. */
  private writtenOf(posts: Post[]): Post[] {
    const first = posts.findIndex(this.written);
    return first === 0 ? posts : first === -1 ? [] : posts.slice(first);
  }

  latest(kind?: PostKind): Post | undefined {
    // Newest first: the first one written by then, nearly always the first.
    return this.archive.first(kind, this.written);
  }

  byTag(tag: string): Post[] {
    return this.writtenOf(this.archive.byTag(tag));
  }

  search(query: string, kind?: PostKind, limit?: number): SearchResults {
    return this.archive.buildIndex().search(query, { until: this.until, kind }, limit);
  }

  /** Posts that mention any of these words, the most and rarest first: the archive's answer to a question in words. */
  searchAny(query: string, limit?: number): SearchResults {
    return this.archive.buildIndex().search(query, { until: this.until }, limit, 'OR');
  }

  stats(): ArchiveStats {
    return this.archive.stats(this.all());
  }

  random(kind: PostKind | undefined, pick: (count: number) => number): Post | undefined {
    const pool = this.all(kind);
    return pool.length ? pool[Math.min(pool.length - 1, Math.max(0, pick(pool.length)))] : undefined;
  }
}

/** The archive at the asker's "now". */
export const archiveAt = (archive: Archive, at: DateTime): ArchiveAt => new ArchiveAt(archive, at);

/** What reads the archive: the whole of it (Archive) or the archive at an instant (ArchiveAt). */
export type ArchiveReader = Pick<ArchiveAt, 'all' | 'latest' | 'byTag' | 'search' | 'random' | 'stats'>;
