import { parseDuration } from './base/duration.js';
import { ConfigError } from './base/errors.js';
import { DEFAULT_STALE_MS } from '../meetings/recorder.js';
import { DEFAULT_ACTION_LEAD_MINUTES } from '../meetings/action-reminders.js';

export interface MeetingSettings {
  /** A meeting with no line for this long is closed with a note (RDOBOT_MEETING_CLOSE_AFTER, e.g. 4h). */
  staleMs: number;
  /** How long before the next occurrence owners hear of their open actions (RDOBOT_MEETING_ACTION_LEAD, e.g. 1d). */
  actionLeadMinutes: number;
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
  };
}
