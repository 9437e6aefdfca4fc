import { z } from '../../src/base/zod.js';
import type { Env } from '../../src/core/adapter-context.js';
import { readEnvSection } from '../../src/base/env-section.js';
import { ConfigError } from '../../src/base/errors.js';

/** Everything the Matrix adapter is configured with. */
export interface MatrixOptions {
  homeserverUrl: string;
  /** Preferred: a token made for the bot. */
  accessToken?: string;
  /** Full MXID (@bot:server) or local part; with `password` when there is no access token. */
  user?: string;
  password?: string;
  /** Room ids (!abc:server) or aliases (#room:server), joined at start. */
  rooms: string[];
  /**
   * Invites are accepted only from these users (@u:server) or servers (server, :server). Empty: users of the bot's
   * own homeserver; `none`: nobody.
   */
  inviteAllow: string[];
  /** Power level from which a sender counts as channel operator. */
  operatorPowerLevel: number;
  /** Long-poll length for /sync, in ms. */
  pollTimeoutMs: number;
  /** Give up delivering one message after this long (rate limits, homeserver down). */
  sendGiveUpMs: number;
  deviceName: string;
  /** End-to-end encryption (on unless MATRIX_E2EE=false): read and answer encrypted rooms and DMs. */
  encryption: boolean;
  /** Passphrase that encrypts the crypto store file at rest (MATRIX_CRYPTO_KEY); unset: the file is plain (0600). */
  cryptoKey?: string;
  /**
   * The account's recovery key (secret storage), MATRIX_RECOVERY_KEY: with it, and no password, the bot takes the
   * account's cross-signing keys from secret storage and signs its own device with them.
   */
  recoveryKey?: string;
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

const ROOM = /^[!#][^:\s]+:[^\s]+$/;
const ALLOW = /^(?:@[^:\s]+:[^\s]+|:?[A-Za-z0-9.-]+(?::\d+)?)$/;

/** The network's settings, as .env.example documents them (src/main/env-example.ts reads their defaults). */
export const matrixEnvSchema = z
  .object({
    MATRIX_HOMESERVER_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://matrix.example.org' }),
    MATRIX_ACCESS_TOKEN: z.string().min(1).optional(),
    MATRIX_USER: z.string().regex(/^@?[a-z0-9._=\-/+]+(?::[^\s]+)?$/i, 'must be a Matrix user id such as @rdobot:example.org').optional(),
    MATRIX_PASSWORD: z.string().min(1).optional(),
    MATRIX_ROOMS: z
      .string()
      .optional()
      .transform(list)
      .refine((rooms) => rooms.every((r) => ROOM.test(r)), 'must be comma-separated room ids (!id:server) or aliases (#name:server)'),
    MATRIX_INVITE_ALLOW: z
      .string()
      .optional()
      .transform(list)
      .refine((a) => a.every((p) => ALLOW.test(p)), 'must be comma-separated user ids (@u:server) or server names'),
    MATRIX_OPERATOR_POWER: z.coerce.number().int().min(0).max(100).default(50),
    MATRIX_POLL_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120000).default(30000),
    MATRIX_SEND_GIVE_UP_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120000),
    MATRIX_DEVICE_NAME: z.string().min(1).max(100).default('rdobot'),
    MATRIX_E2EE: z
      .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
      .default('true')
      .transform((v) => ['true', '1', 'yes', 'on'].includes(v)),
    MATRIX_CRYPTO_KEY: z.string().min(16, 'must be at least 16 characters (a long random passphrase)').optional(),
    MATRIX_RECOVERY_KEY: z
      .string()
      .regex(/^[1-9A-HJ-NP-Za-km-z\s]{40,80}$/, 'must be a recovery key as clients show it (groups of letters and digits, e.g. EsTc LW2K …)')
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.MATRIX_ACCESS_TOKEN && !(v.MATRIX_USER && v.MATRIX_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: ['MATRIX_ACCESS_TOKEN'], message: 'is required (or MATRIX_USER and MATRIX_PASSWORD)' });
    }
  });

/** Read the MATRIX_* settings; throws an Error naming every bad key. */
export function readMatrixOptions(env: Env): MatrixOptions {
  const { data: v, problems } = readEnvSection(env, 'MATRIX_', matrixEnvSchema);
  if (!v) throw new ConfigError(`Matrix configuration: ${problems.join('; ')}`);
  return {
    homeserverUrl: v.MATRIX_HOMESERVER_URL.replace(/\/+$/, ''),
    accessToken: v.MATRIX_ACCESS_TOKEN,
    user: v.MATRIX_USER,
    password: v.MATRIX_PASSWORD,
    rooms: v.MATRIX_ROOMS,
    inviteAllow: v.MATRIX_INVITE_ALLOW,
    operatorPowerLevel: v.MATRIX_OPERATOR_POWER,
    pollTimeoutMs: v.MATRIX_POLL_TIMEOUT_MS,
    sendGiveUpMs: v.MATRIX_SEND_GIVE_UP_MS,
    deviceName: v.MATRIX_DEVICE_NAME,
    encryption: v.MATRIX_E2EE,
    cryptoKey: v.MATRIX_CRYPTO_KEY,
    recoveryKey: v.MATRIX_RECOVERY_KEY,
  };
}

/** The allow-list in force: as configured; by default the bot's own homeserver (its users can open a DM with it). */
export function effectiveInviteAllow(configured: string[], botUserId: string): string[] {
  if (configured.length === 1 && configured[0].toLowerCase() === 'none') return [];
  if (configured.length > 0) return configured;
  return [botUserId.slice(botUserId.indexOf(':') + 1)];
}

/** The log line for a declined invite: who, and the setting that would let them in. */
export function refusedInviteMessage(inviter: string | undefined): string {
  if (!inviter) return 'matrix: declining an invite whose sender is unknown';
  const server = inviter.slice(inviter.indexOf(':') + 1);
  return `matrix: declining invite from ${inviter}: add ${inviter} (or ${server} for its whole server) to MATRIX_INVITE_ALLOW to accept it`;
}

/** Whether an inviter is on the allow-list (exact user id, or any user of an allowed server). */
export function inviteAllowed(inviter: string, allow: string[]): boolean {
  const server = inviter.slice(inviter.indexOf(':') + 1).toLowerCase();
  return allow.some((entry) => (entry.startsWith('@') ? entry === inviter : entry.replace(/^:/, '').toLowerCase() === server));
}
