/**
 * Remembers which Slack deliveries were already taken on, so a redelivery (an HTTP retry with
 * X-Slack-Retry-Num, a Socket Mode envelope sent again after a reconnect, the message and
 * app_mention events of one post) is answered once. Slack retries for about an hour at most;
 * entries live that long and the oldest go first when the set is full.
 */
export class Deduper {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * True the first time any of `keys` is offered (all of them are then remembered), false when one
   * of them was offered before. Empty keys are ignored; with no usable key the delivery is taken.
   */
  first(...keys: (string | undefined)[]): boolean {
    const usable = keys.filter((k): k is string => typeof k === 'string' && k.length > 0);
    const now = this.now();
    this.expire(now);
    if (usable.some((k) => this.seen.has(k))) return false;
    for (const key of usable) this.seen.set(key, now);
    while (this.seen.size > this.max) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private expire(now: number): void {
    // Insertion order is time order, so the expired entries are at the front.
    for (const [key, at] of this.seen) {
      if (now - at < this.ttlMs) break;
      this.seen.delete(key);
    }
  }
}
