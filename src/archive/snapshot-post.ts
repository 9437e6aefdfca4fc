import { DateTime, FixedOffsetZone } from 'luxon';
import type { MediaLink, Post, PostKind } from './post.js';
import { entryStamp, entryText, type SnapshotPart } from './snapshot-part.js';
import { SUMMARY_ACCESSOR } from './lazy-summary.js';
import { classifyNow } from './lazy-kinds.js';
import { ownField } from './own-field.js';
import type { Classifier } from './classify/classify.js';

/** Where a post from a snapshot finds its body when first asked for: the post cache (see PostCache.bodyText). */
export interface BodyStore {
  /** The body cached for the file at this path and stamp (a stampText), or, when no longer cached, the file's. */
  bodyText(path: string, stamp: string): string;
}

/**
 * The fields a post from a snapshot has from the start, or works out itself (kinds and person, by its classifier);
 * the others are parsed from its entry when first read.
 */
const EAGER = new Set(['source', 'millis', 'kinds', 'person']);
/** The fields parsed from the entry on first use (of any of them). */
const PARSED = ['slug', 'title', 'author', 'zone', 'tags', 'url', 'media'] as const;

/** The body a post's last bodyOnce() read, and the fields its last fieldsOnce() parsed (one post at a time). */
let lastRead: { post: SnapshotPost; body: string } | undefined;
let lastParsed: { post: SnapshotPost; fields: Readonly<Pick<Post, (typeof PARSED)[number]>> } | undefined;

/**
 * A cached post as a warm start makes it: its source, instant and identity, which are all that putting 100,000
 * unchanged posts in the archive reads, and its entry's JSON, parsed the first time any other field is read (for the
 * few posts shown). Its kinds are worked out (or found kept) when first read: finding the latest of a kind reads the
 * newest posts' only. Its date and body are made when first asked for, as for every cached post. Once read, a field
 * is a plain property, as on a parsed post.
 */
export class SnapshotPost implements Post {
  declare slug: string;
  declare title: string;
  declare author: string;
  declare date: DateTime;
  declare zone?: string;
  declare tags: string[];
  declare url: string;
  declare summary: string;
  declare body: string;
  declare media: MediaLink[];
  declare person?: string;
  declare kinds: PostKind[];
  source: string;
  millis: number;
  readonly #identity: string;
  readonly #store: BodyStore;
  /** The snapshot's part this post is entry `#at` of. */
  readonly #part: SnapshotPart;
  readonly #at: number;
  readonly #classifier: Classifier;
  #parsed = false;

  /** `identity` is postIdentity()'s, as worked out when the snapshot was written. */
  constructor(path: string, millis: number, identity: string, store: BodyStore, part: SnapshotPart, at: number, classifier: Classifier) {
    this.source = path;
    this.millis = millis;
    this.#identity = identity;
    this.#classifier = classifier;
    this.#store = store;
    this.#part = part;
    this.#at = at;
  }

  /** Its kinds and person as worked out (see classifyNow), its fields and body read for it and not kept. */
  #classification() {
    return classifyNow(this, this.#classifier, () => {
      const { title, tags, media } = this.fieldsOnce();
      return { title, tags, media, body: this.bodyOnce() };
    });
  }

  get identity(): string {
    return this.#identity;
  }

  /** Where the post was read from: the cache it came from, and its file's stamp as stampText writes it. */
  get store(): BodyStore {
    return this.#store;
  }

  get stamp(): string {
    return entryStamp(this.#part, this.#at);
  }

  /**
   * The body for one reading, not kept on the post unless it already is (see bodyOnce in post-cache.ts). The last one
   * read is at hand for the next reading of the same post: indexing a post whose kinds are still to be worked out reads
   * its body for the rules, then for the index.
   */
  bodyOnce(): string {
    if (Object.hasOwn(this, 'body')) return this.body;
    if (lastRead?.post !== this) lastRead = { post: this, body: this.#store.bodyText(this.source, this.stamp) };
    return lastRead.body;
  }

  /**
   * The parsed fields for one reading, not kept on the post unless they already are: the search index reads every
   * post's title and tags once, and keeping them all parsed would hold every post's fields (≈46 MB more heap at
   * 100,000 posts) for the few a search shows.
   */
  fieldsOnce(): Readonly<Pick<Post, (typeof PARSED)[number]>> {
    if (this.#parsed) return this;
    // As the body (see bodyOnce), the last parse is at hand for the next reading of the same post.
    if (lastParsed?.post !== this) lastParsed = { post: this, fields: this.#entry() as unknown as Pick<Post, (typeof PARSED)[number]> };
    return lastParsed.fields;
  }

  #entry(): Record<string, unknown> {
    return (JSON.parse(entryText(this.#part, this.#at)) as { post: Record<string, unknown> }).post;
  }

  #parse(): void {
    if (this.#parsed) return;
    this.#parsed = true;
    const post = this.#entry();
    for (const key in post) if (!EAGER.has(key)) ownField(this, key, post[key]);
  }

  static {
    for (const key of PARSED) {
      Object.defineProperty(SnapshotPost.prototype, key, {
        get(this: SnapshotPost) {
          this.#parse();
          // A field the entry does not have (a post without a zone or person) stays absent, as on a parsed post.
          return Object.hasOwn(this, key) ? (this as unknown as Record<string, unknown>)[key] : undefined;
        },
        set(this: SnapshotPost, value: unknown) {
          this.#parse();
          ownField(this, key, value);
        },
        configurable: true,
      });
    }
    const classified = (key: 'kinds' | 'person'): PropertyDescriptor => ({
      get(this: SnapshotPost) {
        return this.#classification()[key];
      },
      set(this: SnapshotPost, value: unknown) {
        ownField(this, key, value);
      },
      configurable: true,
    });
    Object.defineProperties(SnapshotPost.prototype, {
      // Worked out from the body when first read (or found kept in the cache): see lazySummary.
      summary: SUMMARY_ACCESSOR,
      kinds: classified('kinds'),
      person: classified('person'),
      // The zone object the parser's toUTC() gives, so a cached post is indistinguishable from a parsed one.
      date: {
        get(this: SnapshotPost) {
          return ownField(this, 'date', DateTime.fromMillis(this.millis, { zone: FixedOffsetZone.utcInstance }));
        },
        set(this: SnapshotPost, value: DateTime) {
          ownField(this, 'date', value);
        },
        configurable: true,
      },
      body: {
        get(this: SnapshotPost) {
          return ownField(this, 'body', this.#store.bodyText(this.source, this.stamp));
        },
        set(this: SnapshotPost, value: string) {
          ownField(this, 'body', value);
        },
        configurable: true,
      },
    });
  }
}
