/**
 * How much the bot takes from its own sources (feeds, post files, meeting and events files): whoever controls a feed
 * host, or can commit to a source repository, must not be able to exhaust its memory or stall it. Every cap is a
 * setting (src/config/limits.ts); over a cap, the file or feed is skipped or cut with a warning that names it.
 */
export interface SourceLimits {
  /** Largest feed body read, in bytes (decompressed); a larger one is cut off and ignored, the last good copy kept. */
  feedMaxBytes: number;
  /** Items taken from one feed (the first ones, which feeds list newest first). */
  feedMaxItems: number;
  /** Redirects followed for one feed request. */
  feedMaxRedirects: number;
  /** Largest post file read, in bytes. */
  postMaxBytes: number;
  /** Largest meeting or events file read, in bytes. */
  definitionMaxBytes: number;
  /** Schedule entries taken from one meeting. */
  meetingMaxSchedules: number;
  /** Talks taken from one events file. */
  eventsMaxTalks: number;
  /** Follow entries (symlinks) of the archive, meetings and events directories that lead outside them. */
  allowOutsideLinks: boolean;
}

export const SOURCE_LIMITS: SourceLimits = {
  feedMaxBytes: 5 * 1024 * 1024,
  feedMaxItems: 200,
  feedMaxRedirects: 5,
  postMaxBytes: 1024 * 1024,
  definitionMaxBytes: 1024 * 1024,
  meetingMaxSchedules: 50,
  eventsMaxTalks: 2000,
  allowOutsideLinks: false,
};

/** A byte count as people read it: 5 MB, 512 kB, 300 bytes. */
export function bytesText(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} kB`;
  return `${n} bytes`;
}
