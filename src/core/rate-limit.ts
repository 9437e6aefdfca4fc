import type { Middleware } from './middleware.js';
import type { Message, Reply } from './types.js';

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

/**
 * A person exploring at human speed (a question every few seconds, a quick burst of ten) is never held up; a script
 * gets ten answers, then one every 2 s, and fewer and fewer refusals (see `rateGuard`).
 */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  perUser: { burst: 10, refillSeconds: 2 },
  perRoom: { burst: 30, refillSeconds: 1 },
  limitLocal: false,
};

/**
 * What one line costs, in commands: 1, plus 1 for every LINE_COST_CHARS characters beyond the first LINE_COST_CHARS.
 * A long question costs the language reader more, so a flood of long lines runs dry sooner.
 */
export const LINE_COST_CHARS = 160;
export const lineCost = (line: string): number => 1 + Math.floor(Math.max(0, line.length - 1) / LINE_COST_CHARS);

/** The longest quiet after repeated refusals: a script is told at most once a minute. */
const MAX_QUIET_MS = 60_000;

class Bucket {
  private tokens: number;
  private last: number;
  /** When the last refusal was said, and how long refusals stay quiet after it (doubling while the flood goes on). */
  refusedAt = -Infinity;
  quietMs = 0;

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

  has(now: number, cost: number): boolean {
    this.refill(now);
    return this.tokens >= Math.min(cost, this.config.burst);
  }

  take(cost: number): void {
    this.tokens -= Math.min(cost, this.config.burst);
  }

  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.config.burst;
  }

  secondsUntil(cost: number): number {
    return Math.max(1, Math.ceil((Math.min(cost, this.config.burst) - this.tokens) * this.config.refillSeconds));
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

export function rateGuard(config: RateLimitConfig = DEFAULT_RATE_LIMITS, nowMs: () => number = Date.now): Middleware {
  const verdict = bucketsFor(config, nowMs);
  return (turn, next) => {
    if (turn.heard && !turn.heard.droppable) return next();
    const refused = verdict(turn.message, turn.line);
    if (refused === undefined) return next();
    return turn.heard ? null : refused;
  };
}

/** Whether a line is answered: undefined lets it through, a reply refuses it, null drops it silently. */
type Verdict = Reply | null | undefined;

function bucketsFor(config: RateLimitConfig, nowMs: () => number): (message: Message, line: string) => Verdict {
  const buckets = new Map<string, Bucket>();
  const bucket = (key: string, c: BucketConfig, now: number) => {
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= PRUNE_AT) for (const [k, old] of buckets) if (old.full(now) && old.quietMs === 0) buckets.delete(k);
      b = new Bucket(c, now);
      buckets.set(key, b);
    }
    return b;
  };
  const limitsOf = (m: Message): Limit[] => [
    { key: `user:${m.network}:${m.user.id}`, config: config.perUser, who: `${m.user.name}, that is` },
    { key: `room:${m.network}:${m.room}`, config: m.isPrivate ? config.perUser : config.perRoom, who: 'this channel has sent' },
  ];
  if (!config.perUser && !config.perRoom) return () => undefined;
  return (message, line) => {
    if (message.local && !config.limitLocal) return undefined;
    const now = nowMs();
    const cost = lineCost(line);
    const limits = limitsOf(message).filter((l) => l.config !== null);
    const held = limits.map((l) => bucket(l.key, l.config!, now));
    for (const b of held) if (b.quietMs && b.full(now)) b.quietMs = 0;
    const over = held.findIndex((b) => !b.has(now, cost));
    if (over === -1) {
      for (const b of held) b.take(cost);
      return undefined;
    }
    const b = held[over];
    if (now < b.refusedAt + b.quietMs) return null;
    const wait = b.secondsUntil(cost);
    b.quietMs = Math.min(MAX_QUIET_MS, Math.max(wait * 1000, b.quietMs * 2));
    b.refusedAt = now;
    const { burst, refillSeconds } = limits[over].config!;
    return {
      kind: 'error',
      code: 'RATE_LIMITED',
      text: `Slow down, please: ${limits[over].who} more than ${burst} commands in a short while (then one every ${refillSeconds} s). Try again in ${wait} s.`,
    };
  };
}
