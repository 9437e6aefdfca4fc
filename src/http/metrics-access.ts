import { createHash, timingSafeEqual } from 'node:crypto';
import type { MetricsAccess } from '../config/limits.js';

export type { MetricsAccess } from '../config/limits.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether this request may read /metrics; the token is compared in constant time. */
export function metricsAllowed(access: MetricsAccess | undefined, authorization: string | undefined): 'ok' | 'hidden' | 'denied' {
  if (!access) return 'ok';
  if (!access.enabled) return 'hidden';
  if (!access.token) return 'ok';
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(access.token)) ? 'ok' : 'denied';
}
