import { z } from '../base/zod.js';
import type { BucketConfig, RateLimitConfig } from '../core/rate-limit.js';
import { DEFAULT_RATE_LIMITS } from '../core/rate-limit.js';
import { parseDuration } from '../base/duration.js';

export const RATE_EXPECTED = 'expected a burst and a refill time such as 5/6s (5 commands at once, then one every 6 s), or off';

/** `5/6s` → 5 at once, then one every 6 s; `off` (or false) → no limit; undefined when unreadable. */
export function parseRate(value: unknown): BucketConfig | null | undefined {
  if (value === false) return null;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (text === 'off') return null;
  const m = /^(\d{1,6})\s*\/\s*(\S.*)$/.exec(text);
  if (!m) return undefined;
  const burst = Number(m[1]);
  const refillMs = parseDuration(m[2]);
  if (burst < 1 || refillMs === null || refillMs <= 0) return undefined;
  return { burst, refillSeconds: refillMs / 1000 };
}

/** A rate setting for zod: the value as written, checked and turned into a bucket (null for off). */
export const rateSetting = z.union([z.string(), z.boolean(), z.number()]).transform((value, ctx) => {
  const rate = parseRate(value);
  if (rate === undefined) {
    ctx.addIssue({ code: 'custom', message: RATE_EXPECTED });
    return z.NEVER;
  }
  return rate;
});

const SWITCH = { true: true, on: true, yes: true, '1': true, false: false, off: false, no: false, '0': false } as const;

/** on/off, true/false, yes/no, 1/0, as a boolean. */
export const switchSetting = z.union([z.string(), z.boolean()]).transform((value, ctx) => {
  const key = String(value).trim().toLowerCase();
  if (!(key in SWITCH)) {
    ctx.addIssue({ code: 'custom', message: 'expected on or off' });
    return z.NEVER;
  }
  return SWITCH[key as keyof typeof SWITCH];
});

const rateSection = z.strictObject({ user: rateSetting.optional(), channel: rateSetting.optional(), shell: switchSetting.optional() });

/** The YAML config's `rate:` section: `rate: off`, or `rate: { user: 5/6s, channel: 20/2s, shell: off }`. */
export const rateFileSchema = z.unknown().transform((value, ctx): RateSources => {
  if (value === false || (typeof value === 'string' && value.trim().toLowerCase() === 'off')) return { user: null, channel: null };
  const parsed = rateSection.safeParse(value);
  if (!parsed.success) {
    const objectExpected = 'expected off, or a mapping with user, channel (such as 5/6s or off) and shell (on or off)';
    for (const issue of parsed.error.issues) {
      const message =
        issue.path.length > 0 ? issue.message : issue.code === 'unrecognized_keys' ? `unknown ${issue.keys.join(', ')}: ${objectExpected}` : objectExpected;
      ctx.addIssue({ code: 'custom', message, path: issue.path });
    }
    return z.NEVER;
  }
  return parsed.data;
});

export interface RateSources {
  user?: BucketConfig | null;
  channel?: BucketConfig | null;
  shell?: boolean;
}

/** Environment over file over defaults, key by key. */
export function rateLimits(env: RateSources, fromFile: RateSources = {}): RateLimitConfig {
  const pick = <K extends keyof RateSources>(key: K) => (env[key] !== undefined ? env[key] : fromFile[key]);
  return {
    perUser: pick('user') === undefined ? DEFAULT_RATE_LIMITS.perUser : pick('user')!,
    perRoom: pick('channel') === undefined ? DEFAULT_RATE_LIMITS.perRoom : pick('channel')!,
    limitLocal: pick('shell') ?? DEFAULT_RATE_LIMITS.limitLocal,
  };
}
