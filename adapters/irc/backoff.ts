export interface BackoffOptions {
  minMs: number;
  maxMs: number;
}

/**
 * Wait before reconnect attempt `attempt` (0 = first): doubling from `minMs` up to `maxMs`,
 * with "equal jitter" (half fixed, half random) so a netsplit does not bring every bot back
 * in the same second, yet no attempt comes immediately after a failure.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
