import type { Post } from './post.js';
import { SnapshotPost } from './snapshot-post.js';

/** Identities already worked out: a post object never changes, and the archive asks several times per update. */
const identities = new WeakMap<object, string>();

/**
 * The same post reached through two sources (file and feed) has one identity: its URL, loosely compared, and its day.
 * A post from a snapshot of the post cache brings the one worked out when the snapshot was written (by this code: see
 * PostCache.snapshot), so that a start of 100,000 unchanged posts neither works them out nor keeps them in a WeakMap.
 */
export function postIdentity(post: Post): string {
  if (post instanceof SnapshotPost) return post.identity;
  let identity = identities.get(post);
  // (A cached post knows its UTC instant without a DateTime; the ISO day of it is the same text.)
  if (identity === undefined) identities.set(post, (identity = identityOf(post.url, post.millis === undefined ? post.date.toISODate() : isoDay(post.millis))));
  return identity;
}

/**
 * Keep a post's identity, worked out (by this code: identityOf) by the thread that read it (see cache-row.ts: the
 * snapshot's light entry), as postIdentity's: a first start then does not work out ten thousand of them again.
 */
export function knowIdentity(post: object, identity: string): void {
  identities.set(post, identity);
}

/**
 * A plain http(s) URL (a host name whose last label starts with a letter, a path of simple segments, no port, query or
 * escapes) whose host and path `new URL()` gives back as written, but for the host's case: read without it, as that
 * costs more than the rest of putting ten thousand posts in the archive.
 */
const PLAIN_URL = /^https?:\/\/((?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*)((?:\/[\w~+-]+(?:\.[\w~+-]+)*)*)\/*$/;

/** Host (without www.) and path (without trailing slashes) of a post's URL; the URL as written when it is not one. */
export function urlIdentity(url: string): string {
  const plain = PLAIN_URL.exec(url);
  if (plain) return `${plain[1].toLowerCase().replace(/^www\./, '')}${plain[2]}`;
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, '').toLowerCase()}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url;
  }
}

/** The identity of a post with this URL on this day (`YYYY-MM-DD`, UTC). */
export function identityOf(url: string, day: string | null): string {
  // The RDO blog has distinct posts sharing a URL within a month, so the URL alone is not enough.
  return `${urlIdentity(url)}|${day}`;
}

const DAY_MS = 86_400_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * The UTC day of an instant as `YYYY-MM-DD`, as `new Date(ms).toISOString()` begins, worked out with integers (the
 * proleptic Gregorian calendar, days counted from 0000-03-01): a start puts ten thousand posts in the archive, and a
 * Date and its text for each was most of that. Years outside 0–9999 (written with a sign by toISOString) go through Date.
 */
export function isoDay(ms: number): string {
  const z = Math.floor(ms / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const m = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * m + 2) / 5) + 1;
  const month = m < 10 ? m + 3 : m - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999 || !Number.isFinite(ms)) return new Date(ms).toISOString().slice(0, 10);
  return `${year < 1000 ? `${year}`.padStart(4, '0') : year}-${pad2(month)}-${pad2(day)}`;
}
