import MiniSearch from 'minisearch';
import type { Post } from './post.js';

export interface SearchHit {
  post: Post;
  score: number;
  /** Which fields each matched word was found in: "title: mitaka; body: keystone". */
  why: string;
}

/** Case- and accent-insensitive: "Haïkel Guémar" is found by "haikel guemar". */
export function foldTerm(term: string): string {
  // Most terms are ASCII; Unicode normalisation is the costly part of indexing.
  const base = /[^\x00-\x7f]/.test(term) ? term.normalize('NFD').replace(/\p{M}+/gu, '') : term;
  return base
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

export interface SearchResults {
  total: number;
  hits: SearchHit[];
}

/** Words too common to tell posts apart: left out of the index and of queries (a third of a post's words). */
const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have i if in into is it its of on or our so that the their them there these they this to was we were what when which who will with you your'.split(' '),
);

const FIELDS = ['title', 'person', 'tags', 'author', 'text'] as const;

interface Doc {
  id: number;
  title: string;
  person: string;
  tags: string;
  author: string;
  text: string;
}

function toDoc(post: Post, id: number): Doc {
  return {
    id,
    title: post.title,
    person: post.person ?? '',
    tags: post.tags.join(' '),
    author: post.author,
    text: post.body.replace(/<[^>]*>/g, ' ').replace(/\]\([^)]*\)/g, ']'),
  };
}

/** Ranked full-text search over title, person, tags, author and body, with prefix and typo tolerance. */
export class SearchIndex {
  private readonly index = new MiniSearch<Doc>({
    fields: [...FIELDS],
    storeFields: [],
    processTerm: (term) => {
      const folded = foldTerm(term);
      return folded.length > 0 && !STOP_WORDS.has(folded) ? folded : null;
    },
    searchOptions: {
      boost: { title: 4, person: 4, tags: 2, author: 2, text: 1 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      combineWith: 'AND',
    },
  });
  private readonly posts = new Map<number, Post>();
  private readonly ids = new Map<Post, number>();
  private nextId = 1;

  constructor(posts: Iterable<Post> = []) {
    const docs: Doc[] = [];
    for (const post of posts) docs.push(this.remember(post));
    this.index.addAll(docs);
  }

  private remember(post: Post): Doc {
    const id = this.nextId++;
    this.posts.set(id, post);
    this.ids.set(post, id);
    return toDoc(post, id);
  }

  add(post: Post): void {
    this.index.add(this.remember(post));
  }

  remove(post: Post): void {
    const id = this.ids.get(post);
    if (id === undefined) return;
    this.index.discard(id);
    this.ids.delete(post);
    this.posts.delete(id);
  }

  get size(): number {
    return this.posts.size;
  }

  /**
   * Ranked hits, best first: `total` counts them all, `hits` explains the first `limit`. Exact and prefix matches are
   * tried first; typo tolerance (the costly part) only when they find nothing.
   */
  search(query: string, filter?: (post: Post) => boolean, limit = 20, combineWith: 'AND' | 'OR' = 'AND'): SearchResults {
    const byFilter = filter ? (r: { id: unknown }) => filter(this.posts.get(r.id as number)!) : undefined;
    // OR (a question's words, any of them): ranked by how many and how rare; AND: a search's words, all of them.
    let results = this.index.search(query, { filter: byFilter, fuzzy: false, combineWith });
    if (results.length === 0) results = this.index.search(query, { filter: byFilter, combineWith });
    const hits = results.slice(0, limit).map((r) => {
      const byField = new Map<string, string[]>();
      for (const [term, fields] of Object.entries(r.match)) {
        for (const f of fields) byField.set(f, [...(byField.get(f) ?? []), term]);
      }
      const why = [...byField].map(([f, terms]) => `${f === 'text' ? 'body' : f}: ${terms.join(', ')}`).join('; ');
      return { post: this.posts.get(r.id as number)!, score: r.score, why };
    });
    return { total: results.length, hits };
  }
}
