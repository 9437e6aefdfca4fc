import { readFileSync } from 'node:fs';
import { z } from '../../src/base/zod.js';
import type { Env } from '../../src/core/adapter-context.js';
import { readEnvSection } from '../../src/base/env-section.js';
import { ConfigError } from '../../src/base/errors.js';

export interface IrcChannel {
  name: string;
  key?: string;
}

/** Everything the IRC adapter is configured with. Times in ms. */
export interface IrcOptions {
  host: string;
  port: number;
  tls: boolean;
  /** Verify the server's certificate (on unless explicitly turned off). */
  tlsVerify: boolean;
  /** Wanted nick first, then the fallbacks tried in order when it is taken. */
  nicks: string[];
  username: string;
  realname: string;
  serverPassword?: string;
  channels: IrcChannel[];
  sasl?: { mechanism: 'PLAIN'; user: string; password: string } | { mechanism: 'EXTERNAL' };
  /** PEM text of the client certificate and key (CertFP, SASL EXTERNAL). */
  clientCert?: { certificate: string; privateKey: string };
  /** Identify to NickServ after connecting, when SASL is not used. */
  nickserv?: { nick: string; password: string };
  /** Replies in channels as PRIVMSG (default) or NOTICE. */
  replyWith: 'privmsg' | 'notice';
  bold: boolean;
  /** Most lines of one reply in a channel; a longer list is cut and the rest kept for !more. */
  maxLines: number;
  /** The same in a private query, where a longer answer bothers nobody. */
  privateMaxLines: number;
  flood: { burst: number; intervalMs: number };
  /** Most lines waiting in the send queue: beyond it acknowledgements are shed first, then new answers refused. */
  queueLines: number;
  /** A meeting's #topic becomes the channel topic (put back at #endmeeting): needs the right to set it. */
  meetingTopic: boolean;
  pingIntervalMs: number;
  pingTimeoutMs: number;
  reconnect: { minMs: number; maxMs: number };
  quitMessage: string;
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

const bool = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      if (/^(1|true|yes|on)$/i.test(v)) return true;
      if (/^(0|false|no|off)$/i.test(v)) return false;
      ctx.addIssue({ code: 'custom', message: `must be true or false, not '${v}'` });
      return z.NEVER;
    })
    .describe(name);

// RFC 2812 nick characters; servers may be stricter, never looser.
const NICK = /^[A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]{0,29}$/;
const CHANNEL = /^[#&+!][^\s,\x07\x00-\x1f]{1,49}$/;
const ms = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** The network's settings, as .env.example documents them (src/main/env-example.ts reads their defaults). */
export const ircEnvSchema = z
  .object({
    IRC_HOST: z.string().regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or address such as irc.oftc.net'),
    IRC_PORT: z.coerce.number({ error: 'must be a port number (1-65535)' }).int().min(1).max(65535).optional(),
    IRC_TLS: bool('IRC_TLS', true),
    IRC_TLS_VERIFY: bool('IRC_TLS_VERIFY', true),
    IRC_NICK: z.string().regex(NICK, 'must be an IRC nick (letters, digits, [ ] \\ ` _ ^ { | } -, not starting with a digit)').optional(),
    IRC_NICK_FALLBACKS: z
      .string()
      .optional()
      .transform(list)
      .refine((n) => n.every((x) => NICK.test(x)), 'must be comma-separated IRC nicks'),
    IRC_USERNAME: z.string().regex(/^[A-Za-z0-9._-]{1,10}$/, 'must be 1-10 letters, digits, . _ or -').optional(),
    IRC_REALNAME: z.string().min(1).max(100).optional(),
    IRC_SERVER_PASS: z.string().min(1).optional(),
    IRC_CHANNELS: z
      .string()
      .optional()
      .transform(list)
      .refine((c) => c.every((x) => CHANNEL.test(x.split(/\s+/)[0]!) && x.split(/\s+/).length <= 2), "must be comma-separated channels, each optionally followed by a space and its key ('#rdo,#team sesame')"),
    IRC_SASL_USER: z.string().min(1).optional(),
    IRC_SASL_PASS: z.string().min(1).optional(),
    IRC_SASL_MECHANISM: z.enum(['PLAIN', 'EXTERNAL'], { error: 'must be PLAIN or EXTERNAL' }).optional(),
    IRC_CLIENT_CERT: z.string().min(1).optional(),
    IRC_CLIENT_KEY: z.string().min(1).optional(),
    IRC_NICKSERV_PASS: z.string().min(1).optional(),
    IRC_NICKSERV_NICK: z.string().regex(NICK, 'must be a nick').default('NickServ'),
    IRC_REPLY_WITH: z.enum(['privmsg', 'notice'], { error: 'must be privmsg or notice' }).default('privmsg'),
    IRC_BOLD: bool('IRC_BOLD', true),
    IRC_MAX_LINES: z.coerce.number().int().min(2).max(20).default(4),
    IRC_PRIVATE_MAX_LINES: z.coerce.number().int().min(2).max(50).default(20),
    IRC_FLOOD_BURST: z.coerce.number().int().min(1).max(50).default(4),
    IRC_FLOOD_INTERVAL_MS: ms(50, 60_000, 1000),
    IRC_QUEUE_LINES: z.coerce.number().int().min(10).max(10_000).default(200),
    IRC_MEETING_TOPIC: bool('IRC_MEETING_TOPIC', false),
    IRC_PING_INTERVAL_MS: ms(100, 600_000, 30_000),
    IRC_PING_TIMEOUT_MS: ms(200, 1_200_000, 90_000),
    IRC_RECONNECT_MIN_MS: ms(10, 600_000, 1000),
    IRC_RECONNECT_MAX_MS: ms(100, 3_600_000, 300_000),
    IRC_QUIT_MESSAGE: z.string().max(200).default('rdobot shutting down'),
  })
  .superRefine((v, ctx) => {
    if ((v.IRC_SASL_USER === undefined) !== (v.IRC_SASL_PASS === undefined) && v.IRC_SASL_MECHANISM !== 'EXTERNAL') {
      ctx.addIssue({ code: 'custom', path: [v.IRC_SASL_USER ? 'IRC_SASL_PASS' : 'IRC_SASL_USER'], message: 'is required with the other IRC_SASL_ setting' });
    }
    if ((v.IRC_CLIENT_CERT === undefined) !== (v.IRC_CLIENT_KEY === undefined)) {
      ctx.addIssue({ code: 'custom', path: [v.IRC_CLIENT_CERT ? 'IRC_CLIENT_KEY' : 'IRC_CLIENT_CERT'], message: 'is required with the other client certificate setting' });
    }
    if (v.IRC_SASL_MECHANISM === 'EXTERNAL' && !v.IRC_CLIENT_CERT) {
      ctx.addIssue({ code: 'custom', path: ['IRC_SASL_MECHANISM'], message: 'EXTERNAL needs IRC_CLIENT_CERT and IRC_CLIENT_KEY' });
    }
    if (v.IRC_PING_TIMEOUT_MS <= v.IRC_PING_INTERVAL_MS) {
      ctx.addIssue({ code: 'custom', path: ['IRC_PING_TIMEOUT_MS'], message: 'must be longer than IRC_PING_INTERVAL_MS' });
    }
    if (v.IRC_PRIVATE_MAX_LINES < v.IRC_MAX_LINES) {
      ctx.addIssue({ code: 'custom', path: ['IRC_PRIVATE_MAX_LINES'], message: 'must be at least IRC_MAX_LINES' });
    }
    if (v.IRC_RECONNECT_MAX_MS < v.IRC_RECONNECT_MIN_MS) {
      ctx.addIssue({ code: 'custom', path: ['IRC_RECONNECT_MAX_MS'], message: 'must be at least IRC_RECONNECT_MIN_MS' });
    }
  });

function readPem(key: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`IRC configuration: ${key} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}: ${path})`);
  }
}

/** Read the IRC_* settings (RDOBOT_NICK is the default nick); throws an Error naming every bad key. */
export function readIrcOptions(env: Env): IrcOptions {
  const { data: v, problems } = readEnvSection(env, 'IRC_', ircEnvSchema);
  if (!v) throw new ConfigError(`IRC configuration: ${problems.join('; ')}`);
  const nick = v.IRC_NICK ?? (env.RDOBOT_NICK && NICK.test(env.RDOBOT_NICK) ? env.RDOBOT_NICK : 'rdobot');
  const fallbacks = v.IRC_NICK_FALLBACKS.length > 0 ? v.IRC_NICK_FALLBACKS : [`${nick}_`, `${nick}__`, `${nick}-bot`];
  const clientCert =
    v.IRC_CLIENT_CERT && v.IRC_CLIENT_KEY
      ? { certificate: readPem('IRC_CLIENT_CERT', v.IRC_CLIENT_CERT), privateKey: readPem('IRC_CLIENT_KEY', v.IRC_CLIENT_KEY) }
      : undefined;
  const mechanism = v.IRC_SASL_MECHANISM ?? (v.IRC_SASL_USER ? 'PLAIN' : clientCert ? 'EXTERNAL' : undefined);
  return {
    host: v.IRC_HOST,
    port: v.IRC_PORT ?? (v.IRC_TLS ? 6697 : 6667),
    tls: v.IRC_TLS,
    tlsVerify: v.IRC_TLS_VERIFY,
    nicks: [nick, ...fallbacks.filter((f) => f !== nick)],
    username: v.IRC_USERNAME ?? (nick.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 10).toLowerCase() || 'rdobot'),
    realname: v.IRC_REALNAME ?? 'rdobot, the RDO community bot',
    serverPassword: v.IRC_SERVER_PASS,
    channels: v.IRC_CHANNELS.map((c) => {
      const [name, key] = c.split(/\s+/);
      return key ? { name: name!, key } : { name: name! };
    }),
    sasl:
      mechanism === 'PLAIN' && v.IRC_SASL_USER && v.IRC_SASL_PASS
        ? { mechanism, user: v.IRC_SASL_USER, password: v.IRC_SASL_PASS }
        : mechanism === 'EXTERNAL'
          ? { mechanism }
          : undefined,
    clientCert,
    nickserv: v.IRC_NICKSERV_PASS ? { nick: v.IRC_NICKSERV_NICK, password: v.IRC_NICKSERV_PASS } : undefined,
    replyWith: v.IRC_REPLY_WITH,
    bold: v.IRC_BOLD,
    maxLines: v.IRC_MAX_LINES,
    privateMaxLines: v.IRC_PRIVATE_MAX_LINES,
    flood: { burst: v.IRC_FLOOD_BURST, intervalMs: v.IRC_FLOOD_INTERVAL_MS },
    queueLines: v.IRC_QUEUE_LINES,
    meetingTopic: v.IRC_MEETING_TOPIC,
    pingIntervalMs: v.IRC_PING_INTERVAL_MS,
    pingTimeoutMs: v.IRC_PING_TIMEOUT_MS,
    reconnect: { minMs: v.IRC_RECONNECT_MIN_MS, maxMs: v.IRC_RECONNECT_MAX_MS },
    quitMessage: v.IRC_QUIT_MESSAGE,
  };
}
