import { DateTime, FixedOffsetZone } from 'luxon';
import { identityOf, isoDay, knowIdentity } from './identity.js';
import type { CacheRow } from './post-file.js';
import type { ReadResult } from './parse-post.js';
import type { ParsedPost } from './post.js';
import { lightEntry } from './snapshot-part.js';
import { fieldsWithoutSummary, summariseLater } from './lazy-summary.js';
import { ownField } from './own-field.js';

export type { CacheRow } from './post-file.js';

/** A post's identity as a snapshot keeps it (postIdentity's for a cached post). */
export const snapshotIdentity = (url: string, millis: number) => identityOf(url, isoDay(millis));

/** The row for the outcome of the file at `path`. */
export function toRow(result: ReadResult, path: string): CacheRow {
  if (!('post' in result)) return { data: JSON.stringify(result), body: null, light: null };
  // Without its summary and kinds, worked out where they are read (and then kept beside the row: see PostCache.kept).
  const post = fieldsWithoutSummary(result.post, ROW_LEAVES);
  post.millis = result.post.date.toMillis();
  return { data: JSON.stringify({ post }), body: result.post.body, light: lightEntry(path, post, snapshotIdentity) };
}

/** What a row keeps apart from its post's JSON (the body in its own column, the date as millis) or not at all (see toRow). */
const ROW_LEAVES = ['body', 'date', 'kinds', 'person'];

/** Set a post's field for good (in place of the accessor that made it). */
export function keep<K extends 'date' | 'body'>(post: ParsedPost, key: K, value: ParsedPost[K]): ParsedPost[K] {
  return ownField(post, key, value);
}

/** A post's date made from its millis when first asked for (a luxon DateTime weighs about a kilobyte). */
export function lazyDate(this: ParsedPost): DateTime {
  // The zone object the parser's toUTC() gives, so a cached post is indistinguishable from a parsed one.
  return keep(this, 'date', DateTime.fromMillis(this.millis!, { zone: FixedOffsetZone.utcInstance }));
}

/**
 * The post of a row made by the thread that read it (see read-worker.ts), as the cache gives a cached post (its date
 * made when first asked for), with its body: the row is what the cache stores, so this thread does not make it again.
 */
export function postOfRow(row: CacheRow): ParsedPost {
  const post = (JSON.parse(row.data) as { post: ParsedPost }).post;
  Object.defineProperty(post, 'date', { get: lazyDate, enumerable: true, configurable: true });
  post.body = row.body ?? '';
  summariseLater(post);
  // The light entry's identity is postIdentity's for this post (snapshotIdentity, of its URL and millis).
  if (row.light) knowIdentity(post, row.light[1]);
  return post;
}
