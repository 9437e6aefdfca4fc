import { parseDuration } from '../../base/duration.js';
import { ConfigError } from '../../base/errors.js';
import { checkTarget } from '../../../adapters/targets.js';
import { isRecord, type YamlPath } from '../yaml-source.js';

/** Who gets which reminders: a channel target (`irc:#rdo`, `matrix:!room:server`, `slack:C123`). */
export interface Subscription {
  target: string;
  /** Meeting ids, or '*' for every meeting. */
  meetings: '*' | string[];
  testdays: boolean;
  /** A person's own zone (`!tz`), for their private reminders: the time is also shown in it. */
  zone?: string;
}

export type DeliveryMode = 'exactly-once' | 'at-least-once';

export interface ReminderConfig {
  subscriptions: Subscription[];
  /** Minutes before a meeting's start. */
  meetingLeads: number[];
  /** Minutes before a test day's start (0 = at the start). */
  testdayLeads: number[];
  /** Per meeting id, instead of meetingLeads. */
  perMeeting: Record<string, number[]>;
  /** A reminder found up to this late (after a restart or a clock jump) is still sent; older ones are dropped. */
  graceMs: number;
  /** exactly-once: a reminder interrupted between claim and "sent" is not resent. at-least-once: it is. */
  delivery: DeliveryMode;
}

export const REMINDER_DEFAULTS: ReminderConfig = {
  subscriptions: [],
  meetingLeads: [24 * 60, 15],
  testdayLeads: [24 * 60, 0],
  perMeeting: {},
  graceMs: 10 * 60_000,
  delivery: 'exactly-once',
};

type Env = Record<string, string | undefined>;

/** '1d,15m' or ['1d', '15m'] to minutes, largest first; throws with the key's name. */
function leads(value: unknown, key: string, where: string): number[] {
  const list = Array.isArray(value) ? value : String(value).split(',');
  const out = list.map((v) => {
    const ms = parseDuration(typeof v === 'string' ? v.trim() : v);
    if (ms === null || ms % 60_000 !== 0 || ms > 60 * 86_400_000) {
      throw new ConfigError(`config error: ${where}${key}: got '${String(v)}', expected lead times like 1d, 2h, 15m or 0m`);
    }
    return ms / 60_000;
  });
  return [...new Set(out)].sort((a, b) => b - a);
}

function target(value: unknown, key: string, where: string): string {
  return checkTarget(value, `${where}${key}`);
}

/**
 * The reminder settings: env (`RDOBOT_REMINDER_*`) over the YAML config's `reminders:` section, checked with
 * messages that name the bad key (and its line, when `lineOf` maps `['reminders', …]` paths to lines).
 */
export function reminderConfig(env: Env, section: unknown, lineOf: (path: YamlPath) => number | undefined = () => undefined): ReminderConfig {
  const at = (path: YamlPath) => {
    const line = lineOf(['reminders', ...path]);
    return line ? `line ${line}: reminders.` : 'reminders.';
  };
  const s = section ?? {};
  if (!isRecord(s)) throw new ConfigError('config error: reminders: expected a mapping (targets, meeting_leads, testday_leads, grace, delivery)');
  const known = new Set(['targets', 'meeting_leads', 'testday_leads', 'per_meeting', 'grace', 'delivery']);
  for (const key of Object.keys(s)) if (!known.has(key)) throw new ConfigError(`config error: ${at([key])}${key}: unknown setting (known: ${[...known].join(', ')})`);
  const config: ReminderConfig = { ...REMINDER_DEFAULTS, perMeeting: {}, subscriptions: [] };

  if (s.targets !== undefined) {
    if (!Array.isArray(s.targets)) throw new ConfigError(`config error: ${at(['targets'])}targets: expected a list`);
    s.targets.forEach((t: unknown, i) => {
      if (typeof t === 'string') return void config.subscriptions.push({ target: target(t, `targets.${i}`, at(['targets', i])), meetings: '*', testdays: true });
      if (!isRecord(t)) throw new ConfigError(`config error: ${at(['targets', i])}targets.${i}: expected a target or {target, meetings, testdays}`);
      const meetings = t.meetings === undefined || t.meetings === '*' ? '*' : Array.isArray(t.meetings) ? t.meetings.map(String) : [String(t.meetings)];
      config.subscriptions.push({ target: target(t.target, `targets.${i}.target`, at(['targets', i, 'target'])), meetings, testdays: t.testdays !== false });
    });
  }
  if (s.meeting_leads !== undefined) config.meetingLeads = leads(s.meeting_leads, 'meeting_leads', at(['meeting_leads']));
  if (s.testday_leads !== undefined) config.testdayLeads = leads(s.testday_leads, 'testday_leads', at(['testday_leads']));
  if (s.per_meeting !== undefined) {
    if (!isRecord(s.per_meeting)) throw new ConfigError(`config error: ${at(['per_meeting'])}per_meeting: expected meeting id: lead times`);
    for (const [id, v] of Object.entries(s.per_meeting)) config.perMeeting[id] = leads(v, `per_meeting.${id}`, at(['per_meeting', id]));
  }
  if (s.grace !== undefined) config.graceMs = grace(s.grace, at(['grace']) + 'grace');
  if (s.delivery !== undefined) config.delivery = mode(s.delivery, at(['delivery']) + 'delivery');

  // The environment wins over the file, as for every other setting.
  if (env.RDOBOT_REMINDER_TARGETS) {
    config.subscriptions = env.RDOBOT_REMINDER_TARGETS.split(',').filter((t) => t.trim()).map((t) => ({ target: target(t, 'RDOBOT_REMINDER_TARGETS', ''), meetings: '*' as const, testdays: true }));
  }
  if (env.RDOBOT_REMINDER_LEADS) config.meetingLeads = leads(env.RDOBOT_REMINDER_LEADS, 'RDOBOT_REMINDER_LEADS', '');
  if (env.RDOBOT_TESTDAY_LEADS) config.testdayLeads = leads(env.RDOBOT_TESTDAY_LEADS, 'RDOBOT_TESTDAY_LEADS', '');
  if (env.RDOBOT_REMINDER_GRACE) config.graceMs = grace(env.RDOBOT_REMINDER_GRACE, 'RDOBOT_REMINDER_GRACE');
  if (env.RDOBOT_REMINDER_DELIVERY) config.delivery = mode(env.RDOBOT_REMINDER_DELIVERY, 'RDOBOT_REMINDER_DELIVERY');
  return config;
}

function grace(value: unknown, key: string): number {
  const ms = parseDuration(value);
  if (ms === null || ms > 86_400_000) throw new ConfigError(`config error: ${key}: got '${String(value)}', expected a duration up to 1d such as 10m`);
  return ms;
}

function mode(value: unknown, key: string): DeliveryMode {
  if (value !== 'exactly-once' && value !== 'at-least-once') throw new ConfigError(`config error: ${key}: got '${String(value)}', expected exactly-once or at-least-once`);
  return value;
}
