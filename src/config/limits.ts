import type { Env } from '../core/adapter-context.js';
import { ConfigError } from '../base/errors.js';

/** The caps on what the bot takes from its own sources (src/archive/limits.ts says why), each a setting below. */
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

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `5MB`, `512kB`, `1048576` → bytes; undefined when unreadable. */
export function parseBytes(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) return undefined;
  const n = Math.floor(Number(m[1]) * unit);
  return n >= 1 ? n : undefined;
}

type Reader = (raw: string) => number | boolean | undefined;
const count: Reader = (raw) => (/^\s*\d{1,9}\s*$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined);
const onOff: Reader = (raw) => ({ on: true, true: true, yes: true, '1': true, off: false, false: false, no: false, '0': false })[raw.trim().toLowerCase()];

/** Each cap, its setting, how it is read, and what the error says it expects. */
const SETTINGS: [keyof SourceLimits, string, Reader, string][] = [
  ['feedMaxBytes', 'RDOBOT_FEED_MAX_BYTES', parseBytes, 'a size such as 5MB or 512kB'],
  ['feedMaxItems', 'RDOBOT_FEED_MAX_ITEMS', count, 'a number of items such as 200'],
  ['feedMaxRedirects', 'RDOBOT_FEED_MAX_REDIRECTS', (raw) => (/^\s*\d{1,2}\s*$/.test(raw) ? Number(raw) : undefined), 'a number of redirects such as 5 (0: none)'],
  ['postMaxBytes', 'RDOBOT_POST_MAX_BYTES', parseBytes, 'a size such as 1MB'],
  ['definitionMaxBytes', 'RDOBOT_DEFINITION_MAX_BYTES', parseBytes, 'a size such as 1MB'],
  ['meetingMaxSchedules', 'RDOBOT_MEETING_MAX_SCHEDULES', count, 'a number of schedule entries such as 50'],
  ['eventsMaxTalks', 'RDOBOT_EVENTS_MAX_TALKS', count, 'a number of talks such as 2000'],
  ['allowOutsideLinks', 'RDOBOT_ALLOW_OUTSIDE_LINKS', onOff, 'on or off'],
];

/** The caps on what the bot takes from its sources: RDOBOT_FEED_MAX_BYTES …, each over its default. */
export function sourceLimitsConfig(env: Env): SourceLimits {
  const limits: SourceLimits = { ...SOURCE_LIMITS };
  for (const [key, name, read, expected] of SETTINGS) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const value = read(raw);
    if (value === undefined) throw new ConfigError(`config error: ${name}: got '${raw}', expected ${expected}`);
    (limits as unknown as Record<string, number | boolean>)[key] = value;
  }
  return limits;
}

/** HTTP_METRICS=off hides /metrics; HTTP_METRICS_TOKEN asks for `Authorization: Bearer <token>`. */
export interface MetricsAccess {
  enabled: boolean;
  token?: string;
}

/** HTTP_METRICS (on/off, default on) and HTTP_METRICS_TOKEN (a bearer token /metrics then asks for). */
export function metricsAccessConfig(env: Env): MetricsAccess {
  const raw = env.HTTP_METRICS;
  const enabled = raw === undefined || raw.trim() === '' ? true : onOff(raw);
  if (typeof enabled !== 'boolean') throw new ConfigError(`config error: HTTP_METRICS: got '${raw}', expected on or off`);
  const token = env.HTTP_METRICS_TOKEN?.trim() || undefined;
  if (token !== undefined && token.length < 16) throw new ConfigError('config error: HTTP_METRICS_TOKEN: (hidden) is too short, expected at least 16 characters');
  return { enabled, token };
}
