import { resolve } from 'node:path';
import { parseDuration } from '../base/duration.js';
import { ConfigError } from '../base/errors.js';

/** A meeting with no line for this long is closed with a note (RDOBOT_MEETING_CLOSE_AFTER). */
export const DEFAULT_STALE_MS = 4 * 3_600_000;
/** How long before the next occurrence an owner hears of their open actions (RDOBOT_MEETING_ACTION_LEAD, minutes). */
export const DEFAULT_ACTION_LEAD_MINUTES = 24 * 60;

export interface MeetingSettings {
  /** A meeting with no line for this long is closed with a note (RDOBOT_MEETING_CLOSE_AFTER, e.g. 4h). */
  staleMs: number;
  /** How long before the next occurrence owners hear of their open actions (RDOBOT_MEETING_ACTION_LEAD, e.g. 1d). */
  actionLeadMinutes: number;
  /** Where public minutes are written, for a web server to serve (RDOBOT_MINUTES_DIR; default <data dir>/meetings). */
  minutesDir?: string;
  /** Private rooms whose minutes are published all the same, `network:room` (RDOBOT_MINUTES_PUBLISH_PRIVATE). */
  publicRooms: string[];
}

/** `irc:#rdo-board, matrix:!abc:example.org`: rooms named with their network. */
function rooms(env: Record<string, string | undefined>, key: string): string[] {
  const raw = env[key]?.trim();
  if (!raw) return [];
  return raw.split(/[\s,]+/).filter(Boolean).map((r) => {
    if (!/^[a-z]+:\S+$/.test(r)) throw new ConfigError(`${key}: '${r.slice(0, 60)}' is not network:room (e.g. irc:#rdo-board, matrix:!abc:example.org, slack:C0123)`);
    return r;
  });
}

function duration(env: Record<string, string | undefined>, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const ms = parseDuration(raw);
  if (ms === null || ms <= 0) throw new ConfigError(`${key}=${raw.slice(0, 40)}: expected a duration such as 4h, 90m or 1d`);
  return ms;
}

export function meetingSettings(env: Record<string, string | undefined>): MeetingSettings {
  return {
    staleMs: duration(env, 'RDOBOT_MEETING_CLOSE_AFTER', DEFAULT_STALE_MS),
    actionLeadMinutes: duration(env, 'RDOBOT_MEETING_ACTION_LEAD', DEFAULT_ACTION_LEAD_MINUTES * 60_000) / 60_000,
    ...(env.RDOBOT_MINUTES_DIR ? { minutesDir: resolve(env.RDOBOT_MINUTES_DIR) } : {}),
    publicRooms: rooms(env, 'RDOBOT_MINUTES_PUBLISH_PRIVATE'),
  };
}
