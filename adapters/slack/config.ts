import { z } from '../../src/base/zod.js';
import type { Env } from '../../src/core/adapter-context.js';
import { readEnvSection } from '../../src/base/env-section.js';
import { ConfigError } from '../../src/base/errors.js';

/** How Slack reaches the bot: signed HTTP requests to a public URL, or a Socket Mode websocket the bot opens. */
export type SlackConnection =
  | {
      mode: 'http';
      signingSecret: string;
      /** Interface and port the receiver listens on (0: any free port). */
      host: string;
      port: number;
      /** Path for Events API, slash commands and interactivity (all three share one Request URL). */
      path: string;
      /** False: do not listen; mount `requestHandler()` on a shared HTTP server instead. */
      listen?: boolean;
    }
  | { mode: 'socket'; appToken: string };

/** Everything the Slack adapter is configured with. */
export interface SlackOptions {
  botToken: string;
  connection: SlackConnection;
  /** Web API base URL (self-hosted proxies, tests). */
  apiUrl: string;
  /** The main slash command, with its slash: `/rdo`. */
  command: string;
  /** Command families that also get a slash command of their own (`interview` → `/interview`). */
  familyCommands: string[];
  /** Slash-command answers go to the whole channel unless the user asks otherwise. */
  publicByDefault: boolean;
  /** Web API retries for one call (rate limits, 5xx, connection errors) before giving up. */
  sendRetries: number;
  /** First wait between Web API retries, in ms; a 429's Retry-After always comes first. */
  retryMinMs?: number;
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((p) => p.trim().replace(/^\//, ''))
    .filter((p) => p.length > 0);

const COMMAND = /^\/[a-z0-9_-]{1,31}$/;

/** The network's settings, as .env.example documents them (src/main/env-example.ts reads their defaults). */
export const slackEnvSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-\S+$/, 'must be a bot token (xoxb-…) from the app\'s "OAuth & Permissions" page'),
    SLACK_SIGNING_SECRET: z.string().regex(/^[0-9a-f]{16,}$/i, 'must be the hex signing secret from the app\'s "Basic Information" page').optional(),
    SLACK_APP_TOKEN: z.string().regex(/^xapp-\S+$/, 'must be an app-level token (xapp-…) with the connections:write scope').optional(),
    SLACK_MODE: z.enum(['http', 'socket'], { error: 'must be http or socket' }).optional(),
    SLACK_HOST: z.string().min(1).default('127.0.0.1'),
    SLACK_PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
    SLACK_PATH: z.string().regex(/^\/[A-Za-z0-9/_.-]*$/, 'must be a URL path such as /slack/events').default('/slack/events'),
    SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' }).default('https://slack.com/api/'),
    SLACK_COMMAND: z.string().regex(COMMAND, 'must be a slash command such as /rdo').default('/rdo'),
    SLACK_FAMILY_COMMANDS: z
      .string()
      .optional()
      .transform(list)
      .refine((names) => names.every((n) => /^[a-z0-9_-]{1,31}$/.test(n)), 'must be comma-separated command families such as interview,post'),
    SLACK_PUBLIC: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
    SLACK_SEND_RETRIES: z.coerce.number({ error: 'must be a number' }).int().min(0).max(20).default(10),
  });

/** Read the SLACK_* settings; throws an Error naming every bad key (never echoing a secret). */
export function readSlackOptions(env: Env): SlackOptions {
  const { picked, data: v, problems } = readEnvSection(env, 'SLACK_', slackEnvSchema);
  // Which secret is needed depends on the mode; checked on the raw values so every problem is told at once.
  const mode = picked.SLACK_MODE ?? (picked.SLACK_APP_TOKEN ? 'socket' : 'http');
  if (mode === 'socket' && !picked.SLACK_APP_TOKEN) problems.push('SLACK_APP_TOKEN is required for Socket Mode (SLACK_MODE=socket)');
  if (mode === 'http' && !picked.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET is required for the HTTP receiver (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (!v || problems.length > 0) throw new ConfigError(`Slack configuration: ${problems.join('; ')}`);
  return {
    botToken: v.SLACK_BOT_TOKEN,
    connection:
      mode === 'socket'
        ? { mode: 'socket', appToken: v.SLACK_APP_TOKEN! }
        : { mode: 'http', signingSecret: v.SLACK_SIGNING_SECRET!, host: v.SLACK_HOST, port: v.SLACK_PORT, path: v.SLACK_PATH },
    apiUrl: v.SLACK_API_URL.endsWith('/') ? v.SLACK_API_URL : `${v.SLACK_API_URL}/`,
    command: v.SLACK_COMMAND,
    familyCommands: v.SLACK_FAMILY_COMMANDS,
    publicByDefault: v.SLACK_PUBLIC === 'true',
    sendRetries: v.SLACK_SEND_RETRIES,
  };
}
