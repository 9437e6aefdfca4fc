/** A post's instant and identity (postIdentity) as a snapshot keeps them beside its outcome. */
export type LightEntry = [millis: number, identity: string];

/**
 * One cached file as a snapshot holds it: its path, the stamp it was read at (a stampText), its outcome as stored
 * (JSON; or its UTF-8 bytes, when carried over from a snapshot) and, for a post, what putting it in the archive reads
 * (worked out from the outcome when not given; null for another outcome).
 */
export interface SnapshotRow {
  path: string;
  stamp: string;
  /** The stamp's three numbers, when they are at hand (the text is then not read back into them). */
  numbers?: readonly [size: number, mtimeMs: number, ctimeMs: number];
  data: string;
  bytes?: Uint8Array;
  light?: LightEntry | null;
}

/**
 * One part of a directory's snapshot, in step: the files' names; the stamps they were read at (size, mtimeMs and
 * ctimeMs of each, as numbers); for each post its instant and its identity (two values per entry in `light`, nulls
 * for an outcome that is not a post); and each outcome's JSON as UTF-8 (entry j is `data` from offsets[j] to
 * offsets[j + 1]), decoded and parsed only when its post is read further. Bytes rather than text: a warm start makes no string of the 50 MB a snapshot of 100,000 posts holds.
 */
export interface SnapshotPart {
  names: string[];
  stamps: Float64Array;
  light: (number | string | null)[];
  data: Uint8Array;
  offsets: Int32Array;
}

/** A part as stored: one row of the cache's `snapshots` table. */
export interface StoredPart {
  names: string;
  stamps: Uint8Array;
  light: string;
  data: Uint8Array;
  offsets: Uint8Array;
}

const utf8 = new TextDecoder();
const toUtf8 = new TextEncoder();

/** The stamp text of a part's entry. */
export const entryStamp = (part: SnapshotPart, j: number) => `${part.stamps[j * 3]}:${part.stamps[j * 3 + 1]}:${part.stamps[j * 3 + 2]}`;

/** The outcome's JSON of a part's entry. */
export const entryText = (part: SnapshotPart, j: number) => utf8.decode(part.data.subarray(part.offsets[j], part.offsets[j + 1]));

/** A part's entry as a row to carry into the next snapshot, without decoding its outcome. */
export function entryRow(part: SnapshotPart, j: number, path: string): SnapshotRow {
  const millis = part.light[j * 2];
  const light: LightEntry | null = typeof millis === 'number' ? [millis, part.light[j * 2 + 1] as string] : null;
  return { path, stamp: entryStamp(part, j), data: '', bytes: part.data.subarray(part.offsets[j], part.offsets[j + 1]), light };
}

/** A typed array over a stored blob's bytes (copied when they are not aligned for it). */
function view<T>(bytes: Uint8Array, width: number, make: (buffer: ArrayBufferLike, offset: number, length: number) => T): T {
  const copy = bytes.byteOffset % width === 0 ? bytes : bytes.slice();
  return make(copy.buffer, copy.byteOffset, copy.byteLength / width);
}

/** A stored part read back; throws a SyntaxError (the cache is then damaged) when it is not one. */
export function decodePart(row: StoredPart): SnapshotPart {
  const names = JSON.parse(row.names) as string[];
  const light = JSON.parse(row.light) as SnapshotPart['light'];
  const n = Array.isArray(names) ? names.length : -1;
  const ok =
    n >= 0 && row.stamps instanceof Uint8Array && row.stamps.byteLength === n * 24 && row.offsets instanceof Uint8Array && row.offsets.byteLength === (n + 1) * 4 && row.data instanceof Uint8Array && Array.isArray(light) && light.length === n * 2;
  if (!ok) throw new SyntaxError('a snapshot of the post cache does not read back');
  const offsets = view(row.offsets, 4, (b, o, l) => new Int32Array(b, o, l));
  if (offsets[0] !== 0 || offsets[n] !== row.data.byteLength) throw new SyntaxError('a snapshot of the post cache does not read back');
  return { names, stamps: view(row.stamps, 8, (b, o, l) => new Float64Array(b, o, l)), light, data: row.data, offsets };
}

/** The three numbers of a stamp text (see stampText), or null for a text that is not one. */
function stampNumbers(stamp: string): [number, number, number] | null {
  const parts = stamp.split(':');
  const numbers = parts.map(Number);
  return numbers.length === 3 && numbers.every(Number.isFinite) && parts.every((p, i) => `${numbers[i]}` === p) ? (numbers as [number, number, number]) : null;
}

/**
 * What a snapshot keeps of a post beside its JSON (see LightEntry), its identity as `identityOf` (postIdentity's
 * for a cached post) gives it; null for another outcome, or a post it cannot keep so.
 */
function lightOf(path: string, data: string, identityOf: (url: string, millis: number) => string): LightEntry | null {
  return lightEntry(path, (JSON.parse(data) as { post?: StoredPost }).post, identityOf);
}

/** A post as stored (its date as `millis`), as far as lightEntry reads it. */
interface StoredPost {
  source?: unknown;
  millis?: unknown;
  url?: unknown;
}

/**
 * What a snapshot keeps of a post stored from the file at `path` (see lightOf), from the post itself: the cache gives
 * it for the rows it writes, so that a first start does not parse their JSON again to make its snapshot.
 */
export function lightEntry(path: string, post: StoredPost | undefined, identityOf: (url: string, millis: number) => string): LightEntry | null {
  if (!post || post.source !== path || typeof post.millis !== 'number' || !Number.isFinite(post.millis) || typeof post.url !== 'string') return null;
  return [post.millis, identityOf(post.url, post.millis)];
}

/**
 * Rows of one directory (their paths start with `prefix`) as the parts to store, `size` files each, in path order
 * (as loader.ts walks them beside the sorted files). A row whose stamp or path does not fit is left out: its file is
 * then looked up row by row.
 */
export function encodeParts(prefix: string, rows: SnapshotRow[], size: number, identityOf: (url: string, millis: number) => string): StoredPart[] {
  const fit = rows.flatMap((row) => {
    const stamp = row.numbers && row.numbers.every(Number.isFinite) ? row.numbers : stampNumbers(row.stamp);
    return stamp && row.path.startsWith(prefix) ? [{ row, stamp, name: row.path.slice(prefix.length) }] : [];
  });
  fit.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const parts: StoredPart[] = [];
  for (let from = 0; from < fit.length; from += size) {
    const some = fit.slice(from, from + size);
    const stamps = new Float64Array(some.length * 3);
    const offsets = new Int32Array(some.length + 1);
    const bytes = some.map(({ row }) => row.bytes ?? toUtf8.encode(row.data));
    const data = new Uint8Array(bytes.reduce((n, b) => n + b.byteLength, 0));
    const light: SnapshotPart['light'] = [];
    some.forEach(({ row, stamp }, k) => {
      stamps.set(stamp, k * 3);
      data.set(bytes[k], offsets[k]);
      offsets[k + 1] = offsets[k] + bytes[k].byteLength;
      const entry = row.light === undefined ? lightOf(row.path, row.data, identityOf) : row.light;
      if (!entry) return light.push(null, null);
      light.push(entry[0], entry[1]);
    });
    parts.push({
      names: JSON.stringify(some.map((s) => s.name)),
      stamps: new Uint8Array(stamps.buffer),
      light: JSON.stringify(light),
      data,
      offsets: new Uint8Array(offsets.buffer),
    });
  }
  return parts;
}
