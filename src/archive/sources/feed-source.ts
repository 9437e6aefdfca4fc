import type { Classifier } from '../classify/classify.js';
import type { Post } from '../post.js';
import type { PostSource, SourceUpdate } from './source.js';
import { SOURCE_LIMITS } from '../limits.js';
import { boundedFetch } from './bounded-fetch.js';

export interface FeedOptions {
  url: string;
  /** Between polls, in ms. */
  intervalMs: number;
  /** One request's limit, in ms. */
  timeoutMs: number;
  /** Longest wait after repeated errors, in ms. */
  maxBackoffMs: number;
  userAgent: string;
  /** Largest body read, in bytes; a larger one is cut off and the last good copy kept. */
  maxBytes?: number;
  /** Items taken from one reading (the first ones: feeds list newest first). */
  maxItems?: number;
  maxRedirects?: number;
}

export const FEED_DEFAULTS = {
  intervalMs: 15 * 60_000,
  timeoutMs: 10_000,
  maxBackoffMs: 6 * 3600_000,
  maxBytes: SOURCE_LIMITS.feedMaxBytes,
  maxItems: SOURCE_LIMITS.feedMaxItems,
  maxRedirects: SOURCE_LIMITS.feedMaxRedirects,
};

const fingerprint = (p: Post) => `${p.title}|${p.date.toMillis()}|${p.url}|${p.summary}|${p.tags.join(',')}`;

/**
 * An RSS 2.0 or Atom feed, polled politely: conditional requests (ETag, Last-Modified), a timeout, and a growing
 * pause after errors. A feed is a window on recent posts, so items that drop out of it stay in the archive.
 */
export class FeedSource implements PostSource {
  readonly root: string;
  private etag: string | undefined;
  private lastModified: string | undefined;
  private readonly items = new Map<string, string>();
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Counters for status and tests. */
  readonly stats = { requests: 0, notModified: 0, errors: 0 };

  constructor(
    private readonly options: FeedOptions,
    private readonly classifier: Classifier,
  ) {
    this.root = options.url;
  }

  async load(): Promise<SourceUpdate> {
    return { ...(await this.poll()), initial: true };
  }

  start(onUpdate: (u: SourceUpdate) => void): void {
    this.stopped = false;
    const next = () => {
      if (this.stopped) return;
      const wait = this.failures === 0 ? this.options.intervalMs : Math.min(this.options.intervalMs * 2 ** this.failures, this.options.maxBackoffMs);
      this.timer = setTimeout(() => {
        void this.poll().then((update) => {
          if (update.upserted.length || update.warnings.length) onUpdate(update);
          next();
        });
      }, wait);
    };
    next();
  }

  /** One conditional request; never throws: problems come back as warnings naming the feed. */
  async poll(): Promise<SourceUpdate> {
    const update: SourceUpdate = { root: this.root, initial: false, upserted: [], removed: [], warnings: [] };
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent, accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' };
    if (this.etag) headers['if-none-match'] = this.etag;
    if (this.lastModified) headers['if-modified-since'] = this.lastModified;
    this.stats.requests++;
    try {
      const response = await boundedFetch(this.options.url, {
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        maxBytes: this.options.maxBytes ?? SOURCE_LIMITS.feedMaxBytes,
        maxRedirects: this.options.maxRedirects ?? SOURCE_LIMITS.feedMaxRedirects,
      });
      if (response.status === 304) {
        this.stats.notModified++;
        this.failures = 0;
        return update;
      }
      if (response.status < 200 || response.status > 299) throw new Error(`HTTP ${response.status}`);
      const xml = response.text;
      // The XML parser is loaded only by bots that follow feeds.
      const { parseFeed } = await import('./feed-parse.js');
      let parsed;
      try {
        parsed = parseFeed(xml, this.options.url, this.classifier, this.options.maxItems ?? SOURCE_LIMITS.feedMaxItems);
      } catch (err) {
        throw new Error(`malformed feed: ${(err as Error).message}`);
      }
      // Only a feed that parsed moves the validators on; a broken one is fetched in full next time.
      this.etag = response.headers.get('etag') ?? undefined;
      this.lastModified = response.headers.get('last-modified') ?? undefined;
      for (const post of parsed.posts) {
        const print = fingerprint(post);
        if (this.items.get(post.source) === print) continue;
        this.items.set(post.source, print);
        update.upserted.push(post);
      }
      for (const reason of parsed.skipped) update.warnings.push({ file: this.options.url, reason: `item skipped: ${reason}` });
      this.failures = 0;
    } catch (err) {
      this.failures++;
      this.stats.errors++;
      const reason = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (err as Error).message;
      update.warnings.push({ file: this.options.url, reason });
    }
    return update;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
