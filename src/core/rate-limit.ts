import type { Middleware } from './middleware.js';
import type { Message } from './types.js';

export interface BucketConfig {
  /** Commands allowed in a burst. */
  burst: number;
  /** Seconds for one command to be allowed again. */
  refillSeconds: number;
}

export interface RateLimitConfig {
  perUser: BucketConfig;
  perRoom: BucketConfig;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  perUser: { burst: 5, refillSeconds: 6 },
  perRoom: { burst: 20, refillSeconds: 2 },
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
  const keys = (m: Message) => ({ user: `user:${m.network}:${m.user.id}`, room: `room:${m.network}:${m.room}` });
  return async (inv, next) => {
    const now = nowMs();
    const k = keys(inv.ctx.message);
    const user = bucket(k.user, config.perUser, now);
    const room = bucket(k.room, inv.ctx.message.isPrivate ? config.perUser : config.perRoom, now);
    for (const key of [k.user, k.room]) if (warned.has(key) && buckets.get(key)!.full(now)) warned.delete(key);
    if (user.has(now) && room.has(now)) {
      user.take();
      room.take();
      return next();
    }
    const key = user.has(now) ? k.room : k.user;
    if (warned.has(key)) return null;
    warned.add(key);
    const who = key === k.user ? `${inv.ctx.message.user.name}, you are` : 'this channel is';
    const wait = (key === k.user ? user : room).secondsUntilOne();
    return { kind: 'error', code: 'RATE_LIMITED', text: `Slow down, please: ${who} sending commands faster than I answer them. Try again in ${wait} s.` };
  };
}
