import MiniSearch from 'minisearch';
import { foldTerm } from '../archive/search.js';
import { buildMinutes } from './minutes.js';
import type { MeetingRow, MeetingStore } from './store.js';

interface Doc {
  id: number;
  name: string;
  channel: string;
  topics: string;
  text: string;
  people: string;
}

/**
 * Full-text search over every published meeting, with the same engine and term folding as the posts' search
 * (MiniSearch; accents and case folded, prefix and typo tolerance), so `!minutes search` reads like `!post search`.
 */
export class MinutesSearch {
  private index: MiniSearch<Doc> | null = null;
  private rows = new Map<number, MeetingRow>();

  constructor(private readonly store: MeetingStore) {}

  /** A meeting ended: the index is rebuilt at the next search. */
  invalidate(): void {
    this.index = null;
  }

  private build(): MiniSearch<Doc> {
    const index = new MiniSearch<Doc>({
      fields: ['name', 'channel', 'topics', 'text', 'people'],
      storeFields: [],
      processTerm: (term) => foldTerm(term) || null,
      searchOptions: { boost: { name: 4, topics: 3, people: 2, channel: 2, text: 1 }, prefix: (t) => t.length >= 3, fuzzy: (t) => (t.length >= 5 ? 0.2 : false), combineWith: 'AND' },
    });
    this.rows = new Map();
    for (const row of this.store.ended()) {
      const m = buildMinutes(this.store, row);
      this.rows.set(row.id, row);
      index.add({
        id: row.id,
        name: row.name,
        channel: row.room,
        topics: m.topics.map((t) => t.title ?? '').join(' \n '),
        text: m.topics.flatMap((t) => t.items.map((i) => `${i.owners.join(' ')} ${i.text}`)).join(' \n '),
        people: m.people.map((p) => p.nick).join(' '),
      });
    }
    return index;
  }

  /** `shown`: the meetings the asker may see (a private room's only in that room); the others are not counted. */
  search(query: string, limit = 10, shown: (row: MeetingRow) => boolean = () => true): { total: number; hits: { meeting: MeetingRow; why: string }[] } {
    this.index ??= this.build();
    const filter = (r: { id: unknown }) => shown(this.rows.get(r.id as number)!);
    let results = this.index.search(query, { fuzzy: false, filter });
    if (results.length === 0) results = this.index.search(query, { filter });
    return {
      total: results.length,
      hits: results.slice(0, limit).map((r) => ({ meeting: this.rows.get(r.id as number)!, why: Object.keys(r.match).join(', ') })),
    };
  }
}
