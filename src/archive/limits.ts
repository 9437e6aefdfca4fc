/**
 * How much the bot takes from its own sources (feeds, post files, meeting and events files): whoever controls a feed
 * host, or can commit to a source repository, must not be able to exhaust its memory or stall it. Every cap is a
 * setting, with its default, in src/config/limits.ts; over a cap, the file or feed is skipped or cut with a warning
 * that names it.
 */
export { SOURCE_LIMITS, type SourceLimits } from '../config/limits.js';

/** A byte count as people read it: 5 MB, 512 kB, 300 bytes. */
export function bytesText(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} kB`;
  return `${n} bytes`;
}
