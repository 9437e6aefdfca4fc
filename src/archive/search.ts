import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { postMillis, type Post, type PostKind } from './post.js';
import { bodyOnce, fieldsOnce } from './post-cache.js';

export interface SearchHit {
  post: Post;
  score: number;
  /** Which fields each matched word was found in: "title: mitaka; body: keystone" (worked out when first read). */
  readonly why: string;
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

/** Which posts a search looks at: those dated by an instant (the archive as it stood then), of one kind. */
export interface SearchScope {
  until?: number;
  kind?: PostKind;
}

/** Words too common to tell posts apart: left out of queries (a third of a post's words). */
const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have i if in into is it its of on or our so that the their them there these they this to was we were what when which who will with you your'.split(' '),
);

/**
 * The searched fields, with the weight a match in each carries: a title or person counts four times the body, a tag
 * (chosen by the author to say what the post is about) three times.
 */
const FIELDS = [
  { name: 'title', shown: 'title', weight: 4, of: (f: Searched) => f.title },
  // Worked out with the post's kinds (see classifyNow), not read from its file.
  { name: 'person', shown: 'person', weight: 4, of: (_: Searched, p: Post) => p.person ?? '' },
  { name: 'tags', shown: 'tags', weight: 3, of: (f: Searched) => f.tags.join(' ') },
  { name: 'author', shown: 'author', weight: 2, of: (f: Searched) => f.author },
  { name: 'text', shown: 'body', weight: 1, of: (_: Searched, p: Post) => bodyOnce(p).replace(/<[^>]*>/g, ' ').replace(/\]\([^)]*\)/g, ']') },
] as const;

/** The fields of a post the index reads besides its body. */
type Searched = ReturnType<typeof fieldsOnce>;

/** A query's words as the index holds them: folded, split where the tokenizer splits, common words left out. */
export function queryTerms(query: string): string[] {
  const folded = foldTerm(query.normalize('NFD').replace(/\p{M}+/gu, ''));
  return [...new Set(folded.toLowerCase().split(/[^\p{L}\p{N}]+/u))].filter((t) => t.length > 0 && !STOP_WORDS.has(t)).slice(0, 16);
}

/** How far a word may be from a written one and still match it when nothing matches as written (MiniSearch's 0.2). */
const typosAllowed = (term: string): number => (term.length >= 5 ? Math.round(term.length * 0.2) : 0);

/** Levenshtein distance, given up (Infinity) beyond `max`. */
function within(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return false;
    prev = row;
  }
  return prev[b.length] <= max;
}

const quoted = (term: string) => `"${term.replace(/"/g, '""')}"`;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * At most this many of the posts a query matches are ranked: the newest of them (posts are indexed newest first). A
 * query matching more — a common word in a large archive — has its best hits among these; its total counts them all.
 */
const RANKED = 2_000;

/** The most written words a typo may stand for: bounds the query a typo expands to. */
const MAX_EXPANSIONS = 24;

/**
 * Ranked full-text search over title, person, tags, author and body, with prefix and typo tolerance: SQLite's FTS5
 * (in node:sqlite, in memory) ranks with BM25 and returns only the first hits, so a search over 100,000 posts costs
 * what its best hits cost, not what every post holding a common word would.
 */
export class SearchIndex {
  private readonly db = new DatabaseSync(':memory:');
  private readonly posts = new Map<number, Post>();
  private readonly ids = new Map<Post, number>();
  private nextId = 1;
  /** The latest instant of a post ever added: a search as of a later instant needs no time filter. */
  private newest = Number.NEGATIVE_INFINITY;
  private readonly insert: { run(id: number, values: string[], millis: number): void };
  private readonly discard: { run(id: number): void };
  private readonly statements = new Map<string, StatementSync>();
  /** Every word the index holds, for typo tolerance: made on the first search that needs it, dropped on a change. */
  private vocabulary: string[] | null = null;

  constructor(posts: Iterable<Post> = []) {
    // Field values are folded by the tokenizer (case, accents). Kinds are indexed too (a search of one kind is a
    // match, not a filter over rows), but never searched by a query's words. Contentless: the index keeps no copy of
    // the texts (the posts have them); each post's instant is kept beside it, for a search as of an earlier instant.
    this.db.exec(
      `CREATE VIRTUAL TABLE posts USING fts5(${FIELDS.map((f) => f.name).join(', ')}, kinds, tokenize = 'unicode61 remove_diacritics 2', content = '', contentless_delete = 1);
       CREATE VIRTUAL TABLE words USING fts5vocab(posts, 'row');
       CREATE TABLE instants (id INTEGER PRIMARY KEY, millis INTEGER NOT NULL);`,
    );
    const insertPost = this.db.prepare(`INSERT INTO posts(rowid, ${FIELDS.map((f) => f.name).join(', ')}, kinds) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const insertInstant = this.db.prepare('INSERT INTO instants (id, millis) VALUES (?, ?)');
    this.insert = { run: (id: number, values: string[], millis: number) => (insertPost.run(id, ...values), insertInstant.run(id, millis)) };
    const discardPost = this.db.prepare('DELETE FROM posts WHERE rowid = ?');
    const discardInstant = this.db.prepare('DELETE FROM instants WHERE id = ?');
    this.discard = { run: (id: number) => (discardPost.run(id), discardInstant.run(id)) };
    this.db.exec('BEGIN');
    for (const post of posts) this.add(post);
    this.db.exec('COMMIT');
    this.db.exec(`INSERT INTO posts(posts) VALUES ('optimize')`);
  }

  add(post: Post): void {
    const id = this.nextId++;
    const millis = postMillis(post);
    this.posts.set(id, post);
    this.ids.set(post, id);
    const fields = fieldsOnce(post);
    this.insert.run(id, [...FIELDS.map((f) => f.of(fields, post)), post.kinds.join(' ')], millis);
    this.newest = Math.max(this.newest, millis);
    this.vocabulary = null;
  }

  remove(post: Post): void {
    const id = this.ids.get(post);
    if (id === undefined) return;
    this.discard.run(id);
    this.ids.delete(post);
    this.posts.delete(id);
    this.vocabulary = null;
  }

  get size(): number {
    return this.posts.size;
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }

  private statement(sql: string): StatementSync {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  /**
   * Ranked hits, best first: `total` counts them all, `hits` explains the first `limit`. Words as written are tried
   * first; when nothing has them all, words that start with them ("packag": packaging, packagers); typo tolerance
   * last. (Matching every longer form of a common word costs its whole family of postings at each search.)
   * AND: a search's words, all of them; OR (a question's words, any of them): ranked by how many and how rare.
   */
  search(query: string, scope: SearchScope = {}, limit = 20, combineWith: 'AND' | 'OR' = 'AND'): SearchResults {
    const terms = queryTerms(query);
    if (terms.length === 0) return { total: 0, hits: [] };
    const written = terms.map((t) => [t]);
    let results = this.run(written, false, terms, scope, limit, combineWith);
    if (results.total === 0 && terms.some((t) => t.length >= 3)) results = this.run(written, true, terms, scope, limit, combineWith);
    if (results.total === 0 && terms.some((t) => typosAllowed(t) > 0)) {
      const near = terms.map((t) => [t, ...this.near(t)]);
      if (near.some((words, i) => words.length > written[i].length)) results = this.run(near, false, terms, scope, limit, combineWith);
    }
    return results;
  }

  private run(groups: string[][], prefix: boolean, terms: string[], scope: SearchScope, limit: number, combineWith: 'AND' | 'OR'): SearchResults {
    const words = groups
      .map((ws) => `(${ws.map((w) => (prefix && w.length >= 3 ? `${quoted(w)}*` : quoted(w))).join(' OR ')})`)
      .join(` ${combineWith} `);
    const match = `{${FIELDS.map((f) => f.name).join(' ')}}: (${words})${scope.kind ? ` AND kinds: ${quoted(scope.kind)}` : ''}`;
    // Reading each row's instant costs more than the match: only a search as of an earlier instant filters by it.
    const dated = scope.until !== undefined && scope.until < this.newest;
    const from = dated ? 'posts JOIN instants ON instants.id = posts.rowid' : 'posts';
    const where = `posts MATCH ?${dated ? ' AND instants.millis <= ?' : ''}`;
    const args: (string | number)[] = dated ? [match, scope.until!] : [match];
    const weights = [...FIELDS.map((f) => f.weight), 0].join(', ');
    try {
      const { total } = this.statement(`SELECT count(*) AS total FROM ${from} WHERE ${where}`).get(...args) as { total: number };
      if (total === 0) return { total: 0, hits: [] };
      // Ranking costs per post matched: a word in most of 100,000 posts is ranked among the newest RANKED of them.
      const last =
        total > RANKED
          ? (this.statement(`SELECT posts.rowid AS id FROM ${from} WHERE ${where} ORDER BY posts.rowid LIMIT 1 OFFSET ${RANKED - 1}`).get(...args) as { id: number }).id
          : Number.MAX_SAFE_INTEGER;
      const rows = this.statement(`SELECT posts.rowid AS id, bm25(posts, ${weights}) AS rank FROM ${from} WHERE ${where} AND posts.rowid <= ? ORDER BY rank LIMIT ?`).all(
        ...args,
        last,
        Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : -1,
      ) as { id: number; rank: number }[];
      const found = groups.flat();
      const hits = rows.map((r): SearchHit => {
        const post = this.posts.get(r.id)!;
        let explained: string | undefined;
        // Explained when first read: an answer shows a page of its hits, and explaining one reads its whole text.
        return {
          post,
          score: -r.rank,
          get why() {
            return (explained ??= why(post, found, prefix, terms));
          },
        };
      });
      return { total, hits };
    } catch {
      // A word the tokenizer reads otherwise than queryTerms (a private-use character) makes no query: nothing found.
      return { total: 0, hits: [] };
    }
  }

  /** The written words a typo may stand for, the most written first. */
  private near(term: string): string[] {
    const max = typosAllowed(term);
    if (max === 0) return [];
    this.vocabulary ??= (this.db.prepare('SELECT term FROM words ORDER BY doc DESC').all() as { term: string }[]).map((r) => r.term);
    const out: string[] = [];
    for (const word of this.vocabulary) {
      if (word !== term && within(term, word, max)) out.push(word);
      if (out.length >= MAX_EXPANSIONS) break;
    }
    return out;
  }
}

/** Each field with the words of the query found in it: as written, or (`prefix`) as the start of a longer word. */
function why(post: Post, words: string[], prefix: boolean, terms: string[]): string {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join('|')})${prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`, 'gu');
  const parts: string[] = [];
  for (const f of FIELDS) {
    const text = f.of(post, post);
    const folded = /[^\x00-\x7f]/.test(text) ? text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase() : text.toLowerCase();
    const matched = new Set<string>();
    for (const m of folded.matchAll(pattern)) {
      matched.add(m[0]);
      if (matched.size >= 5) break;
    }
    if (matched.size) parts.push(`${f.shown}: ${[...matched].join(', ')}`);
  }
  return parts.join('; ') || `matched: ${terms.join(', ')}`;
}
