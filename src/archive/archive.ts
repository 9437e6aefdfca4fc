import { newestFirst, type Post, type PostKind } from './post.js';
import { SearchIndex, type SearchHit } from './search.js';

export interface ArchiveStats {
  posts: number;
  byYear: [string, number][];
  topTags: [string, number][];
  topAuthors: [string, number][];
}

const top = (counts: Map<string, number>, n: number): [string, number][] =>
  [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);

/** The posts the bot answers from, newest first, with a search index built on first use. */
export class Archive {
  private posts: Post[] = [];
  private index: SearchIndex | null = null;

  constructor(posts: Post[] = []) {
    this.replace(posts);
  }

  /**
   * Swap in a new set of posts (a reload). The same post from two sources (same URL, same day) is kept once;
   * the RDO blog does have distinct posts sharing a URL in one month, so the URL alone is not enough.
   */
  replace(posts: Post[]): void {
    const unique = new Map<string, Post>();
    for (const p of posts) {
      const key = `${p.url}|${p.date.toISODate()}`;
      const seen = unique.get(key);
      if (!seen || newestFirst(p, seen) < 0) unique.set(key, p);
    }
    this.posts = [...unique.values()].sort(newestFirst);
    this.index = null;
  }

  get size(): number {
    return this.posts.length;
  }

  all(kind?: PostKind): Post[] {
    return kind ? this.posts.filter((p) => p.kinds.includes(kind)) : this.posts;
  }

  latest(kind?: PostKind): Post | undefined {
    return kind ? this.posts.find((p) => p.kinds.includes(kind)) : this.posts[0];
  }

  byTag(tag: string): Post[] {
    const wanted = tag.toLowerCase().replace(/^#/, '');
    return this.posts.filter((p) => p.tags.includes(wanted));
  }

  search(query: string, kind?: PostKind): SearchHit[] {
    this.index ??= new SearchIndex(this.posts);
    return this.index.search(query, kind ? (p) => p.kinds.includes(kind) : undefined);
  }

  /** `pick` is given the count and returns an index, so tests can pin the choice. */
  random(kind: PostKind | undefined, pick: (count: number) => number): Post | undefined {
    const pool = this.all(kind);
    return pool.length ? pool[Math.min(pool.length - 1, Math.max(0, pick(pool.length)))] : undefined;
  }

  stats(): ArchiveStats {
    const years = new Map<string, number>();
    const tags = new Map<string, number>();
    const authors = new Map<string, number>();
    for (const p of this.posts) {
      const y = p.date.toFormat('yyyy');
      years.set(y, (years.get(y) ?? 0) + 1);
      for (const t of p.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
      authors.set(p.author, (authors.get(p.author) ?? 0) + 1);
    }
    return {
      posts: this.posts.length,
      byYear: [...years].sort((a, b) => a[0].localeCompare(b[0])),
      topTags: top(tags, 5),
      topAuthors: top(authors, 5),
    };
  }
}
