import { DateTime } from 'luxon';
import { ConfigError } from '../../base/errors.js';
import { resolveZone } from '../../core/zones.js';
import type { Reply } from '../../core/types.js';
import { checkTarget } from '../../../adapters/targets.js';
import type { PlannedReminder } from './plan.js';
import { WEEKDAYS } from '../week.js';
import { isRecord, type YamlPath } from '../yaml-source.js';

/** The weekly digest: `!week` posted into channels at a local day and time, once a week. */
export interface DigestConfig {
  targets: string[];
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
  minute: number;
  /** The zone of that day and time, and of the times the digest shows. */
  zone: string;
}

/** A digest found late (the bot was down at its time) still goes out within this, once; later it waits for next week. */
export const DIGEST_GRACE_MS = 12 * 3_600_000;

type Env = Record<string, string | undefined>;

function when(value: unknown, key: string): { weekday: number; hour: number; minute: number } {
  const m = /^([a-z]+)\s+(\d{1,2}):(\d{2})$/i.exec(String(value ?? '').trim());
  const day = m ? WEEKDAYS.findIndex((d) => d === m[1].toLowerCase() || d.slice(0, 3) === m[1].toLowerCase()) : -1;
  const hour = m ? Number(m[2]) : NaN;
  const minute = m ? Number(m[3]) : NaN;
  if (!m || day < 0 || hour > 23 || minute > 59) throw new ConfigError(`config error: ${key}: got '${String(value)}', expected a weekday and a time such as 'Monday 09:00'`);
  return { weekday: day + 1, hour, minute };
}

/**
 * The digest settings: env (`RDOBOT_DIGEST_TARGETS`, `RDOBOT_DIGEST_AT`, `RDOBOT_DIGEST_TIMEZONE`) over the YAML
 * config's `digest:` section; null when no target is set. Errors name the key (and its line in the file).
 */
export function digestConfig(env: Env, section: unknown, defaultZone: string, lineOf: (path: YamlPath) => number | undefined = () => undefined): DigestConfig | null {
  const at = (key: string) => {
    const line = lineOf(['digest', key]);
    return `${line ? `line ${line}: ` : ''}digest.${key}`;
  };
  const s = section ?? {};
  if (!isRecord(s)) throw new ConfigError('config error: digest: expected a mapping (targets, at, timezone)');
  for (const key of Object.keys(s)) if (!['targets', 'at', 'timezone'].includes(key)) throw new ConfigError(`config error: ${at(key)}: unknown setting (known: targets, at, timezone)`);
  let targets: unknown[] = [];
  let targetsKey = at('targets');
  if (env.RDOBOT_DIGEST_TARGETS !== undefined) [targets, targetsKey] = [env.RDOBOT_DIGEST_TARGETS.split(',').map((t) => t.trim()).filter(Boolean), 'RDOBOT_DIGEST_TARGETS'];
  else if (s.targets !== undefined) {
    if (!Array.isArray(s.targets)) throw new ConfigError(`config error: ${at('targets')}: expected a list of targets`);
    targets = s.targets;
  }
  for (const t of targets) checkTarget(t, targetsKey);
  const rawAt = env.RDOBOT_DIGEST_AT ?? s.at ?? 'Monday 09:00';
  const time = when(rawAt, env.RDOBOT_DIGEST_AT !== undefined ? 'RDOBOT_DIGEST_AT' : at('at'));
  const rawZone = env.RDOBOT_DIGEST_TIMEZONE ?? s.timezone ?? defaultZone;
  const read = resolveZone(String(rawZone));
  if ('error' in read) {
    throw new ConfigError(`config error: ${env.RDOBOT_DIGEST_TIMEZONE !== undefined ? 'RDOBOT_DIGEST_TIMEZONE' : at('timezone')}: got '${String(rawZone)}', expected an IANA time zone such as Europe/Paris (${read.error})`);
  }
  const zone = read.zone;
  if (targets.length === 0) return null;
  return { targets: (targets as string[]).map((t) => t.trim()), ...time, zone };
}

/**
 * The digests due in [from, to): one per target and local week, keyed by the ISO week, so the reminder store sends
 * each once whatever restarts happen. The text is made when it is handed over, from the schedule as it is then.
 */
export function planDigests(config: DigestConfig, from: number, to: number, render: (now: DateTime, zone: string) => Reply): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  // Start a week early: the local week of `from` may hold a digest due after it.
  let day = DateTime.fromMillis(from, { zone: config.zone }).minus({ weeks: 1 }).set({ weekday: config.weekday as 1 });
  for (let guard = 0; guard < 60; guard++, day = day.plus({ weeks: 1 })) {
    const due = day.set({ hour: config.hour, minute: config.minute, second: 0, millisecond: 0 });
    if (due.toMillis() >= to) break;
    if (due.toMillis() < from) continue;
    const week = `${due.weekYear}-W${String(due.weekNumber).padStart(2, '0')}`;
    for (const target of config.targets) {
      out.push({
        key: `digest:${week}>${target}`,
        target,
        due: due.toMillis(),
        leadMinutes: 0,
        graceMs: DIGEST_GRACE_MS,
        subject: { kind: 'note', title: `weekly digest ${week}`, reply: (now) => render(now, config.zone) },
      });
    }
  }
  return out;
}
