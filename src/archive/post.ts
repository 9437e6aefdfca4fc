import type { DateTime } from 'luxon';

import type { PostKind } from './classify/post-kinds.js';

export type { PostKind };

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
  /** The zone the front matter wrote the date in, when not UTC ("UTC+2" for CEST): the post's relative words are its. */
  zone?: string;
  /**
   * The same instant in ms since the epoch, where it is known without `date` (posts from the cache make their DateTime
   * only when it is first asked for: most are never shown). Read it through postMillis().
   */
  millis?: number;
  tags: string[];
  url: string;
  /** First paragraph as plain text. */
  summary: string;
  /** The Markdown/HTML body, for search. */
  body: string;
  media: MediaLink[];
  /** What the classification rules find it to be: worked out when first read (see classifyLater in lazy-kinds.ts). */
  kinds: PostKind[];
  /** For interviews: who is interviewed, when the title says (worked out with the kinds). */
  person?: string;
}

/** A post as its file says, before the classification rules have looked at it (what the post cache keeps). */
export type ParsedPost = Omit<Post, 'kinds' | 'person'>;

export interface LoadWarning {
  file: string;
  line?: number;
  reason: string;
}

/** A post's instant in ms since the epoch, without making its DateTime when it has none yet. */
export const postMillis = (post: Post): number => post.millis ?? post.date.toMillis();

/** Newest first; on the same instant, by file name, so the order never depends on the disk. */
export function newestFirst(a: Post, b: Post): number {
  return postMillis(b) - postMillis(a) || b.source.localeCompare(a.source);
}
