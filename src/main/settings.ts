import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClassifyConfig } from '../archive/classify/classify.js';
import type { SourceLimits } from '../archive/limits.js';
import type { FeedOptions } from '../archive/sources/feed-source.js';
import type { GitOptions } from '../archive/sources/git-source.js';
import type { Logger } from '../base/log.js';
import type { Deliver } from '../core/handoff.js';
import type { ReplyLimits } from '../core/limits.js';
import type { RateLimitConfig } from '../core/rate-limit.js';
import type { Adapter, Clock } from '../core/types.js';
import type { LoadedPlugin } from '../plugin/load.js';

export interface BotOptions {
  /** The data is the built-in sample archive (nothing was configured): say so at start and in !about. */
  samples?: boolean;
  archiveDirs: string[];
  /** Git checkouts whose posts directory is followed (and optionally pulled). */
  gitSources?: GitOptions[];
  /** RSS/Atom feeds, polled. */
  feeds?: (Partial<FeedOptions> & { url: string })[];
  eventsDirs?: string[];
  meetingsDirs?: string[];
  /** Meetings given in the YAML config file (`meetings:`), with where they came from for error messages. */
  configMeetings?: unknown;
  configFile?: string;
  configLineOf?: (path: (string | number)[]) => number | undefined;
  prefix?: string;
  nick?: string;
  baseUrl?: string;
  permalink?: string;
  /** Default zone for times in replies. */
  timezone?: string;
  admins?: string[];
  clock: Clock;
  logger?: Logger;
  limits?: ReplyLimits;
  classify?: ClassifyConfig;
  /** For !interview random: index in [0, count). */
  pick?: (count: number) => number;
  /** Per-user and per-room limits; false turns them off (benchmarks). */
  rateLimits?: RateLimitConfig | false;
  /** Identities never answered: `network:id` (irc:spambot, slack:T1/U2). */
  ignore?: string[];
  /** File of the cache of parsed posts (node:sqlite); none: every start reads every post file. */
  postCache?: string;
  /**
   * Build the meeting and test-day schedule when a command first needs it instead of at start (one-shot mode: an
   * answer about posts builds none; the service: after the networks are up). Default: at start.
   */
  scheduleWhenNeeded?: boolean;
  /**
   * Open the meetings run in channels (their store, recorder, minutes' writers, search and site) when a line or a
   * command first needs them instead of at start. Only for a bot that hears no room from the start (one-shot mode):
   * the service records from its first line. Default: at start.
   */
  meetingsWhenNeeded?: boolean;
  /** Keep Prometheus metrics (the service does; prom-client is loaded only then). */
  metrics?: boolean;
  /** Where per-person state (time zones, subscriptions, one-off reminders) is kept; in memory without one. */
  dataDir?: string;
  /** Where the HTTP endpoint is reached from outside (HTTP_PUBLIC_URL), for !calendar. */
  publicUrl?: string;
  /** Caps on feeds, post, meeting and events files (RDOBOT_FEED_MAX_BYTES …); defaults when absent. */
  sourceLimits?: Partial<SourceLimits>;
  /** Meetings run in channels: close one left open after this long; remind action owners this long before. */
  meetings?: { staleMs?: number; actionLeadMinutes?: number; clock?: Clock; dataDir?: string; minutesDir?: string; publicRooms?: string[] };
  /** Plugins loaded from outside (RDOBOT_PLUGINS), hosted after the built-in families. */
  plugins?: readonly LoadedPlugin[];
  /** How long a command of such a plugin may take (RDOBOT_PLUGIN_TIMEOUT). */
  pluginTimeoutMs?: number;
  /** The running service's networks (`rdobot run`); none in tests and one-shot mode. */
  network?: NetworkHooks;
}

/** What the running service gives the bot about its networks, once, at construction (`rdobot run`). */
export interface NetworkHooks {
  /** The live list of started adapters (it fills as they come up). */
  adapters: () => Adapter[];
  /** Hand a reply to `network:room`; the bot refuses muted rooms before calling it. */
  deliver?: Deliver;
  announceTargets?: string[];
  /** Mount a receiver (Slack's) on the bot's HTTP endpoint, when it has one. */
  mount?: (path: string, handler: (req: IncomingMessage, res: ServerResponse) => void) => void;
}
