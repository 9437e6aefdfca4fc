import { newestFirst, type Post, type PostKind } from './post.js';
import { SearchIndex, type SearchResults } from './search.js';
import { postIdentity } from './identity.js';

export { isoDay, postIdentity, urlIdentity } from './identity.js';

export interface ArchiveStats {
  posts: number;
  byYear: [string, number][];
  topTags: [string, number][];
  topAuthors: [string, number][];
}

const top = (counts: Map<string, number>, n: number): [string, number][] =>
  [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);

/** A file on disk is the original; a feed item is its copy. */
const fromFile = (p: Post) => !/^https?:/i.test(p.source);

export type ArchiveChange = { kind: 'added' | 'updated' | 'removed'; post: Post };

/**
 * The posts the bot answers from, newest first. Updated one post at a time (a watched file, a feed item),
 * with the search index kept in step once it has been built.
 */
export class Archive {
  /** Every post by its source (file path, or feed URL + item id). */
  private readonly bySource = new Map<string, Post>();
  /**
   * Posts sharing an identity; the first is the one shown. A post alone is held as itself rather than in an array of
   * one: a start of 100,000 posts made as many arrays for the few identities two sources share.
   */
  private readonly byIdentity = new Map<string, Post | Post[]>();
  private sorted: Post[] | null = null;
  /**
   * Each kind's posts found so far, newest first, and how far down the list they were looked for (`scanned`): a look
   * for the newest of a kind reads posts' kinds (worked out when first read) only down to the one it finds, and never
   * reads the same post's twice; the whole list is made only when asked for.
   */
  private readonly byKind = new Map<PostKind, { found: Post[]; scanned: number }>();
  private index: SearchIndex | null = null;

  constructor(posts: Post[] = []) {
    this.replace(posts);
  }

  /** Swap in a whole new set of posts (a full reload). */
  replace(posts: Post[]): void {
    this.bySource.clear();
    this.byIdentity.clear();
    for (const p of posts) this.insert(p);
    this.sorted = null;
    // The index's in-memory database is let go at once, not when the collector gets to it.
    this.index?.close();
    this.index = null;
  }

  /** The posts of one identity, the one shown first. */
  private group(key: string): Post[] {
    const held = this.byIdentity.get(key);
    return held === undefined ? [] : Array.isArray(held) ? held : [held];
  }

  /** The post shown for one identity. */
  private shownFor(key: string): Post | undefined {
    const held = this.byIdentity.get(key);
    return Array.isArray(held) ? held[0] : held;
  }

  private insert(post: Post): Post | undefined {
    const key = postIdentity(post);
    this.bySource.set(post.source, post);
    const held = this.byIdentity.get(key);
    if (held === undefined) {
      this.byIdentity.set(key, post);
      return undefined;
    }
    const group = Array.isArray(held) ? held : [held];
    const shownBefore = group[0];
    group.push(post);
    group.sort((a, b) => Number(fromFile(b)) - Number(fromFile(a)) || a.source.localeCompare(b.source));
    this.byIdentity.set(key, group);
    return shownBefore;
  }

  private detach(post: Post): void {
    const key = postIdentity(post);
    const group = this.group(key).filter((p) => p !== post);
    if (group.length > 1) this.byIdentity.set(key, group);
    else if (group.length === 1) this.byIdentity.set(key, group[0]);
    else this.byIdentity.delete(key);
    this.bySource.delete(post.source);
  }

  private shown(post: Post): boolean {
    return this.shownFor(postIdentity(post)) === post;
  }

  /**
   * Add or replace the post from one source. Returns what readers see change: `added` for a post the archive did
   * not show before (a new identity), `updated` for a changed one, nothing when a copy of a shown post arrives.
   */
  upsert(post: Post): ArchiveChange | null {
    const previous = this.bySource.get(post.source);
    const wasShown = previous !== undefined && this.shown(previous);
    if (previous) {
      this.detach(previous);
      if (wasShown) this.index?.remove(previous);
    }
    const shownBefore = this.insert(post);
    this.sorted = null;
    if (!this.shown(post)) return null;
    if (shownBefore && shownBefore !== previous) this.index?.remove(shownBefore);
    this.index?.add(post);
    const isNew = !previous && !shownBefore;
    return { kind: isNew ? 'added' : 'updated', post };
  }

  /** Drop the post from one source (a deleted file); another copy of it, if any, is shown instead. */
  remove(source: string): ArchiveChange | null {
    const post = this.bySource.get(source);
    if (!post) return null;
    const wasShown = this.shown(post);
    this.detach(post);
    this.sorted = null;
    if (!wasShown) return null;
    this.index?.remove(post);
    const successor = this.shownFor(postIdentity(post));
    if (successor) {
      this.index?.add(successor);
      return { kind: 'updated', post: successor };
    }
    return { kind: 'removed', post };
  }

  /** Every post (shown or a copy) whose source starts with this prefix: a directory, a feed URL. */
  postsFrom(prefix: string): Post[] {
    return [...this.bySource.values()].filter((p) => p.source.startsWith(prefix));
  }

  private get posts(): Post[] {
    if (this.sorted === null) {
      const shown: Post[] = [];
      for (const held of this.byIdentity.values()) shown.push(Array.isArray(held) ? held[0] : held);
      this.sorted = shown.sort(newestFirst);
      this.byKind.clear();
    }
    return this.sorted;
  }

  get size(): number {
    return this.posts.length;
  }

  /** The posts, newest first (of one kind, when given): the archive's own list, to read, never to change. */
  all(kind?: PostKind): Post[] {
    const posts = this.posts;
    if (!kind) return posts;
    const ofKind = this.ofKind(kind);
    this.scan(kind, ofKind, () => false);
    return ofKind.found;
  }

  private ofKind(kind: PostKind): { found: Post[]; scanned: number } {
    let ofKind = this.byKind.get(kind);
    if (!ofKind) this.byKind.set(kind, (ofKind = { found: [], scanned: 0 }));
    return ofKind;
  }

  /** Further down the list from where the kind was last looked for, to the first post of it that `accept` takes. */
  private scan(kind: PostKind, ofKind: { found: Post[]; scanned: number }, accept: (post: Post) => boolean): Post | undefined {
    const posts = this.posts;
    while (ofKind.scanned < posts.length) {
      const post = posts[ofKind.scanned++];
      if (!post.kinds.includes(kind)) continue;
      ofKind.found.push(post);
      if (accept(post)) return post;
    }
    return undefined;
  }

  latest(kind?: PostKind): Post | undefined {
    return this.first(kind, () => true);
  }

  /**
   * The newest post (of one kind, when given) that `accept` takes: among the kind's posts found so far, else further
   * down the list, where each post of the kind passed is added to those found (see byKind).
   */
  first(kind: PostKind | undefined, accept: (post: Post) => boolean): Post | undefined {
    const posts = this.posts;
    if (!kind) return posts.find(accept);
    const ofKind = this.ofKind(kind);
    return ofKind.found.find(accept) ?? this.scan(kind, ofKind, accept);
  }

  byTag(tag: string): Post[] {
    const wanted = tag.toLowerCase().replace(/^#/, '');
    return this.posts.filter((p) => p.tags.includes(wanted));
  }

  /** Build the search index now rather than on the first search. */
  buildIndex(): SearchIndex {
    this.index ??= new SearchIndex(this.posts);
    return this.index;
  }

  search(query: string, kind?: PostKind, limit?: number): SearchResults {
    return this.buildIndex().search(query, { kind }, limit);
  }

  /** `pick` is given the count and returns an index, so tests can pin the choice. */
  random(kind: PostKind | undefined, pick: (count: number) => number): Post | undefined {
    const pool = this.all(kind);
    return pool.length ? pool[Math.min(pool.length - 1, Math.max(0, pick(pool.length)))] : undefined;
  }

  /** Posts per year, top tags and authors: of the whole archive, or of the posts given (the archive at an instant). */
  stats(posts: Post[] = this.posts): ArchiveStats {
    const years = new Map<string, number>();
    const tags = new Map<string, number>();
    const authors = new Map<string, number>();
    for (const p of posts) {
      const y = p.date.toFormat('yyyy');
      years.set(y, (years.get(y) ?? 0) + 1);
      for (const t of p.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
      authors.set(p.author, (authors.get(p.author) ?? 0) + 1);
    }
    return {
      posts: posts.length,
      byYear: [...years].sort((a, b) => a[0].localeCompare(b[0])),
      topTags: top(tags, 5),
      topAuthors: top(authors, 5),
    };
  }
}
