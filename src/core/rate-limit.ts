import type { Middleware } from './middleware.js';
import type { Message } from './types.js';

export interface BucketConfig {
  /** Commands allowed in a burst. */
  burst: number;
  /** Seconds for one command to be allowed again. */
  refillSeconds: number;
}

export interface RateLimitConfig {
  /** Per user (and per private conversation); null: no limit. */
  perUser: BucketConfig | null;
  /** Per channel; null: no limit. */
  perRoom: BucketConfig | null;
  /** Hold the operator's own terminal (messages marked `local`) to the limits too; by default they are exempt. */
  limitLocal?: boolean;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  perUser: { burst: 5, refillSeconds: 6 },
  perRoom: { burst: 20, refillSeconds: 2 },
  limitLocal: false,
};

class Bucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly config: BucketConfig,
    now: number,
  ) {
    this.tokens = config.burst;
    this.last = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.config.burst, this.tokens + (now - this.last) / 1000 / this.config.refillSeconds);
    this.last = now;
  }

  has(now: number): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  take(): void {
    this.tokens -= 1;
  }

  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.config.burst;
  }

  secondsUntilOne(): number {
    return Math.ceil((1 - this.tokens) * this.config.refillSeconds);
  }
}

/** Most keys held before full (idle) buckets are forgotten. */
const PRUNE_AT = 10_000;

interface Limit {
  key: string;
  config: BucketConfig | null;
  /** Who is told to slow down. */
  who: string;
}

/**
 * Per-user and per-room token buckets. The first command over the limit gets one polite "slow down";
 * the ones after it get silence until the bucket refills, so a flood never turns into a flood of replies.
 */
export function rateLimit(config: RateLimitConfig = DEFAULT_RATE_LIMITS, nowMs: () => number = Date.now): Middleware {
  const buckets = new Map<string, Bucket>();
  const warned = new Set<string>();
  const bucket = (key: string, c: BucketConfig, now: number) => {
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= PRUNE_AT) for (const [k, old] of buckets) if (old.full(now) && !warned.has(k)) buckets.delete(k);
      b = new Bucket(c, now);
      buckets.set(key, b);
    }
    return b;
  };
  const limitsOf = (m: Message): Limit[] => [
    { key: `user:${m.network}:${m.user.id}`, config: config.perUser, who: `${m.user.name}, you are` },
    { key: `room:${m.network}:${m.room}`, config: m.isPrivate ? config.perUser : config.perRoom, who: 'this channel is' },
  ];
  if (!config.perUser && !config.perRoom) return (_inv, next) => next();
  return async (inv, next) => {
    const message = inv.ctx.message;
    if (message.local && !config.limitLocal) return next();
    const now = nowMs();
    const limits = limitsOf(message).filter((l) => l.config !== null);
    const held = limits.map((l) => bucket(l.key, l.config!, now));
    held.forEach((b, i) => {
      if (warned.has(limits[i].key) && b.full(now)) warned.delete(limits[i].key);
    });
    const over = held.findIndex((b) => !b.has(now));
    if (over === -1) {
      for (const b of held) b.take();
      return next();
    }
    const { key, who } = limits[over];
    if (warned.has(key)) return null;
    warned.add(key);
    return { kind: 'error', code: 'RATE_LIMITED', text: `Slow down, please: ${who} sending commands faster than I answer them. Try again in ${held[over].secondsUntilOne()} s.` };
  };
}
