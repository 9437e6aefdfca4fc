import type { DateTime } from 'luxon';

export type PostKind = 'interview' | 'testday' | 'meeting';

export type MediaKind = 'audio' | 'video' | 'player';

export interface MediaLink {
  kind: MediaKind;
  url: string;
}

/** One blog post (or feed item) as rdobot knows it, whatever its source. */
export interface Post {
  /** Where it came from: a file path or a feed URL. */
  source: string;
  slug: string;
  title: string;
  author: string;
  /** Publication instant, in UTC. */
  date: DateTime;
  tags: string[];
  url: string;
  /** First paragraph as plain text. */
  summary: string;
  /** The Markdown/HTML body, for search. */
  body: string;
  media: MediaLink[];
  kinds: PostKind[];
  /** For interviews: who is interviewed, when the title says. */
  person?: string;
}

export interface LoadWarning {
  file: string;
  line?: number;
  reason: string;
}

/** Newest first; on the same instant, by file name, so the order never depends on the disk. */
export function newestFirst(a: Post, b: Post): number {
  return b.date.toMillis() - a.date.toMillis() || b.source.localeCompare(a.source);
}
