import type { Archive } from '../archive/archive.js';
import type { LoadWarning } from '../archive/post.js';
import type { Logger } from '../base/log.js';
import type { Adapter, Clock } from '../core/types.js';
import type { Schedule } from '../schedule/types.js';
import type { SourceProblem } from '../core/source-problems.js';
import type { SiteRequest, SiteResponse } from './site.js';
import type { RecordedRun } from './whats-on.js';

/**
 * What the pages, the HTTP endpoint and the calendar feed read of a running bot, and nothing they could change. Each
 * property is read at every request: a reload replaces the archive and the schedule as a whole.
 */
export interface BotView {
  readonly archive: Archive;
  readonly warnings: readonly LoadWarning[];
  readonly loadedAt: Date;
  readonly schedule: Schedule;
  readonly clock: Clock;
  readonly version: string;
  readonly logger: Logger;
  /** Prometheus metrics, when the service keeps them. */
  readonly metrics: { registry: { contentType: string; metrics(): Promise<string> } } | null;
  /** The minutes of meetings run in channels (/meetings/…, /api/minutes). */
  readonly minutes: { respond(req: SiteRequest): SiteResponse | null; recent?(): RecordedRun[] };
  /** The adapters started so far. */
  adapters(): Adapter[];
  /** Files the bot could not use, and why (/healthz, /metrics). */
  sourceProblems?(): readonly SourceProblem[];
  /** Facts the running services add to /healthz (the next reminder …). */
  health(): Record<string, unknown>;
}
