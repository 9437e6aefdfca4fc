import { z } from '../base/zod.js';
import { NETWORKS, type NetworkEntry } from '../../adapters/index.js';
import { resolveZone } from '../core/zones.js';
import { rateSetting, switchSetting } from './rate.js';

const list = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean));

/** RDOBOT_ADAPTERS: a comma list of the names of the manifest's networks. */
export function adaptersSetting(networks: readonly Pick<NetworkEntry, 'name'>[] = NETWORKS) {
  const names = networks.map((n) => n.name);
  const known = z.string().refine((name) => names.includes(name), { error: `expected a comma list of ${names.join(', ')}` });
  return list.pipe(z.array(known).min(1)).default(['shell']);
}

/** Every core environment variable, with its default. Adapters validate their own keys. */
export const envSchema = z.object({
  RDOBOT_CONFIG: z.string().optional(),
  RDOBOT_ARCHIVE: list.optional(),
  RDOBOT_EVENTS: list.optional(),
  RDOBOT_MEETINGS: list.optional(),
  RDOBOT_DATA_DIR: z.string().min(1).default('data'),
  RDOBOT_ADAPTERS: adaptersSetting(),
  RDOBOT_PREFIX: z
    .string()
    .regex(/^[^\s\p{L}\p{N}]{1,3}$/u, 'expected 1 to 3 punctuation characters, e.g. !')
    .default('!'),
  RDOBOT_NICK: z
    .string()
    .regex(/^[A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]{0,29}$/, 'expected a nick: letters, digits and -_[]{}^`| , not starting with a digit')
    .default('rdobot'),
  RDOBOT_BASE_URL: z.url({ error: 'expected an absolute URL such as https://www.rdoproject.org' }).default('https://www.rdoproject.org'),
  RDOBOT_PERMALINK: z
    .string()
    .regex(/:slug\b/, 'expected a path pattern containing :slug, e.g. /blog/:year/:month/:slug/')
    .default('/blog/:year/:month/:slug/'),
  RDOBOT_TIMEZONE: z
    .string()
    .transform((value, ctx) => {
      const r = resolveZone(value);
      if ('zone' in r) return r.zone;
      ctx.addIssue({ code: 'custom', message: `expected an IANA time zone such as UTC or Europe/Paris (${r.error})` });
      return z.NEVER;
    })
    .default('UTC'),
  RDOBOT_ADMINS: list.default([]),
  RDOBOT_IGNORE: list.default([]),
  /** Wait for a running bot on the same data dir to exit, then take over. */
  RDOBOT_STANDBY: z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' }).default('false').transform((v) => ['true', '1', 'yes'].includes(v)),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** off, or a port; 0 picks a free one. Default: 8080 with a network adapter, off in shell-only mode. */
  HTTP_PORT: z
    .string()
    .regex(/^(off|\d{1,5})$/, 'expected a port number (0 for any free port) or off')
    .refine((v) => v === 'off' || Number(v) <= 65535, 'expected a port number up to 65535')
    .optional(),
  /** The address people reach the HTTP endpoint at (behind a reverse proxy): for the page's webcal:// link and !calendar. */
  HTTP_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://rdobot.example.org/' }).optional(),
  /** Abuse limits: `10/2s` (a burst of 10, then one every 2 s) or off. Default 10/2s per user, 30/1s per channel (core/rate-limit.ts). */
  RDOBOT_RATE_USER: rateSetting.optional(),
  RDOBOT_RATE_CHANNEL: rateSetting.optional(),
  /** Hold the operator at the bot's own terminal to the limits too (default off: never limited). */
  RDOBOT_RATE_SHELL: switchSetting.optional(),
  /** Cache of parsed posts (RDOBOT_DATA_DIR/cache, or a private temporary directory for `rdobot ask`). */
  RDOBOT_CACHE: switchSetting.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type CoreEnv = z.infer<typeof envSchema>;
