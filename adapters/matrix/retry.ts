import { ConnectionError, MatrixError } from 'matrix-js-sdk';
import type { Logger } from '../../src/base/log.js';

export interface RetryOptions {
  /** Stop trying after this many ms in total. */
  giveUpMs: number;
  /** Stops the waiting when the adapter stops. */
  signal: AbortSignal;
  logger: Logger;
  /** What is being tried, for log lines ("send to !room:server"). */
  what: string;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * How long to wait before trying again, or undefined when trying again cannot help.
 * A rate limit waits as long as the homeserver says (retry_after_ms / Retry-After);
 * a dropped connection or a 5xx backs off exponentially.
 */
export function retryDelay(error: unknown, attempt: number): number | undefined {
  const backoff = Math.min(500 * 2 ** (attempt - 1), MAX_BACKOFF_MS);
  if (error instanceof MatrixError) {
    if (error.isRateLimitError()) {
      let after: number | null = null;
      try {
        after = error.getRetryAfterMs();
      } catch {
        after = null;
      }
      return after !== null && after >= 0 ? after : backoff;
    }
    if (error.httpStatus !== undefined && error.httpStatus >= 500) return backoff;
    return undefined;
  }
  if (error instanceof ConnectionError) return backoff;
  return undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('stopped'));
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', abort, { once: true });
    function done() {
      signal.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new Error('stopped'));
    }
  });
}

/** Run `attempt` until it succeeds, retrying only what a wait can fix, within the time budget. */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const deadline = Date.now() + options.giveUpMs;
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      const wait = retryDelay(error, n);
      if (wait === undefined || options.signal.aborted || Date.now() + wait > deadline) throw error;
      const reason = error instanceof MatrixError ? (error.errcode ?? `HTTP ${error.httpStatus}`) : 'connection failed';
      options.logger.warn({ attempt: n, waitMs: wait, reason }, `matrix: ${options.what} failed, retrying`);
      await sleep(wait, options.signal);
    }
  }
}
