import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';

/**
 * Real-shaped archives for the benchmarks: the real RDO posts (RDOBOT_CORPUS, else ../shared/corpus, when there) or
 * else the test fixtures' posts, repeated with new dates and slugs until there are as many as asked. Every copy keeps
 * its post's words, length and kind, so announcements, test days and interviews come in their real proportions; copy k
 * is moved k weeks and k × 13 minutes later (its weekday kept, so "on Thursday" still reads as it did), which gives
 * every copy's events days of their own, as a real archive's are.
 */

const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
/** Where generated archives are kept between runs (they take time and disk to write); `BENCH_ARCHIVES` overrides. */
export const ARCHIVES_DIR = process.env.BENCH_ARCHIVES ?? join(tmpdir(), 'rdobot-bench-archives');

export interface Seed {
  /** 'corpus' or 'fixtures': what the archive is made of. */
  kind: 'corpus' | 'fixtures';
  dir: string;
  files: string[];
}

/** The posts the archive is made of: the real corpus when it is there, else the test fixtures. */
export function seed(): Seed {
  const corpus = process.env.RDOBOT_CORPUS ? resolve(process.env.RDOBOT_CORPUS) : join(PROJECT, '../shared/corpus');
  const blog = join(corpus, 'rdo-blog');
  const posts = (dir: string) => readdirSync(dir).filter((f) => /^\d{4}-\d{2}-\d{2}-.+\.(?:md|markdown)$/.test(f)).sort();
  if (existsSync(blog)) return { kind: 'corpus', dir: blog, files: posts(blog) };
  const fixtures = join(PROJECT, 'test/fixtures/posts');
  return { kind: 'fixtures', dir: fixtures, files: posts(fixtures) };
}

const FRONT_DATE = /^(date:\s*['"]?)(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?))?/m;

/** One copy of one post: its date (front matter and file name) moved `k` weeks and k × 13 minutes on, its slug `-k`. */
export function copyOf(name: string, text: string, k: number): { name: string; text: string } {
  if (k === 0) return { name, text };
  const shift = (d: DateTime) => d.plus({ weeks: k, minutes: 13 * k });
  const fileDay = DateTime.fromFormat(name.slice(0, 10), 'yyyy-MM-dd', { zone: 'utc' });
  let day = shift(fileDay).toFormat('yyyy-MM-dd');
  const out = text.replace(FRONT_DATE, (_all, head: string, date: string, time?: string) => {
    // The wall time is moved as written: its zone (UTC, CEST …) stays what the post says after it.
    const at = DateTime.fromFormat(`${date} ${time ?? '00:00'}`, time && time.length > 5 ? 'yyyy-MM-dd H:mm:ss' : 'yyyy-MM-dd H:mm', { zone: 'utc' });
    if (!at.isValid) return _all;
    const moved = shift(at);
    day = moved.toFormat('yyyy-MM-dd');
    return `${head}${moved.toFormat(time ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd')}`;
  });
  const rest = name.slice(11);
  const dot = rest.search(/\.(?:html\.)?(?:md|markdown)$/);
  return { name: `${day}-${rest.slice(0, dot)}-${k}${rest.slice(dot)}`, text: out };
}

/** Write `count` real-shaped posts into `dir` (which is emptied first). */
export function writeArchive(dir: string, count: number, from: Seed = seed()): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const texts = from.files.map((f) => readFileSync(join(from.dir, f), 'utf8'));
  for (let i = 0; i < count; i++) {
    const j = i % from.files.length;
    const copy = copyOf(from.files[j], texts[j], Math.floor(i / from.files.length));
    writeFileSync(join(dir, copy.name), copy.text);
  }
}

export interface RealShaped {
  /** The posts' directory. */
  dir: string;
  kind: Seed['kind'];
  count: number;
  /** Bytes of post text. */
  bytes: number;
  /** When the last post was written (the post cache leaves files changed in the last two seconds out). */
  writtenAt: number;
}

/**
 * A real-shaped archive of `count` posts under ARCHIVES_DIR, written (by a child process, so the caller's memory holds
 * none of it) only when it is not there yet: later runs reuse it. `removeArchives()` takes them all away.
 */
export function realShapedArchive(count: number): RealShaped {
  const from = seed();
  const key = createHash('sha256').update(`${from.kind}\n${from.dir}\n${from.files.join('\n')}\n${readFileSync(fileURLToPath(import.meta.url))}`).digest('hex').slice(0, 10);
  const dir = join(ARCHIVES_DIR, `${from.kind}-${key}-${count}`);
  const done = join(dir, '.complete');
  if (!existsSync(done)) {
    const partial = `${dir}.partial`;
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), partial, String(count)], { stdio: 'inherit' });
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
    writeFileSync(done, '');
  }
  const posts = readdirSync(dir).filter((f) => !f.startsWith('.'));
  let bytes = 0;
  let writtenAt = 0;
  for (const f of posts) {
    const s = statSync(join(dir, f));
    bytes += s.size;
    writtenAt = Math.max(writtenAt, s.mtimeMs);
  }
  return { dir, kind: from.kind, count: posts.length, bytes, writtenAt };
}

/** Remove every archive realShapedArchive kept. */
export function removeArchives(): void {
  rmSync(ARCHIVES_DIR, { recursive: true, force: true });
}

/** The kinds of posts in a directory by the words of their titles: a quick check that the mix is the seed's. */
export function mixOf(dir: string): Record<string, number> {
  const mix: Record<string, number> = { posts: 0, interviews: 0, 'test days': 0, meetings: 0 };
  for (const f of readdirSync(dir)) {
    if (f.startsWith('.')) continue;
    mix.posts++;
    if (/interview|podcast|what-did-you-do/i.test(f)) mix.interviews++;
    if (/test-?days?/i.test(f)) mix['test days']++;
    if (/meeting/i.test(f)) mix.meetings++;
  }
  return mix;
}

if (import.meta.url === `file://${process.argv[1]}`) writeArchive(process.argv[2], Number(process.argv[3]));
