import { basename, extname } from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import { FREQUENCIES, type DefinitionWarning, type Frequency, type Meeting, type ScheduleEntry } from './types.js';
import { monthlyWeekday } from './recurrence.js';
import { isRecord, readYaml, yamlFiles, type YamlPath } from './yaml-source.js';
import { cleanLine, webHref } from '../core/sanitize.js';
import { SOURCE_LIMITS, type SourceLimits } from '../archive/limits.js';

/** Keys of the irc-meetings format, plus rdobot's own (`name`/`id` aliases). */
const MEETING_KEYS = new Set(['project', 'meeting_id', 'chair', 'description', 'agenda_url', 'project_url', 'schedule', 'name', 'id']);
/** `timezone`, `channel`/`location` and `location_overrides` are rdobot's extensions. */
const SCHEDULE_KEYS = new Set(['time', 'day', 'irc', 'frequency', 'start_date', 'duration', 'skip_dates', 'timezone', 'channel', 'location', 'location_overrides']);
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

interface Where {
  file: string;
  /** Schedule entries taken from one meeting. */
  maxSchedules?: number;
  lineOf(path: YamlPath): number | undefined;
  warnings: DefinitionWarning[];
}

function warn(where: Where, path: YamlPath, reason: string): void {
  where.warnings.push({ file: where.file, line: where.lineOf(path), reason });
}

/** A value as one clean line: control characters and line breaks from the file never reach a reply, page or calendar. */
const text = (v: unknown): string | undefined => (typeof v === 'string' ? cleanLine(v) || undefined : typeof v === 'number' ? String(v) : undefined);

/** 'HHMM' from '1400', 1400 (unquoted YAML), '900' or '14:00'. */
function parseTime(v: unknown): string | undefined {
  const raw = typeof v === 'number' ? String(v).padStart(4, '0') : typeof v === 'string' ? v.trim().replace(':', '').padStart(4, '0') : '';
  const m = /^(\d\d)(\d\d)$/.exec(raw);
  return m && Number(m[1]) < 24 && Number(m[2]) < 60 ? raw : undefined;
}

/** A local date from YYYYMMDD (the format) or YYYY-MM-DD. */
function parseDate(v: unknown, zone: string): DateTime | undefined {
  const raw = String(v ?? '').replace(/-/g, '');
  if (!/^\d{8}$/.test(raw)) return undefined;
  const d = DateTime.fromFormat(raw, 'yyyyMMdd', { zone });
  return d.isValid ? d : undefined;
}

function parseSchedule(raw: unknown, path: YamlPath, where: Where): ScheduleEntry | null {
  if (!isRecord(raw)) {
    warn(where, path, 'a schedule entry must be a mapping (time, day, irc, frequency …)');
    return null;
  }
  for (const key of Object.keys(raw)) if (!SCHEDULE_KEYS.has(key)) warn(where, [...path, key], `unknown schedule key '${key}'`);
  const frequency = text(raw.frequency);
  if (!frequency) return warn(where, path, "schedule entry without 'frequency'"), null;
  if (!(FREQUENCIES as readonly string[]).includes(frequency)) {
    warn(where, [...path, 'frequency'], `unknown frequency '${frequency}' (known: ${FREQUENCIES.join(', ')})`);
    return null;
  }
  const freq = frequency as Frequency;
  const zone = text(raw.timezone) ?? 'UTC';
  if (!IANAZone.isValidZone(zone)) return warn(where, [...path, 'timezone'], `unknown time zone '${zone}' (use an IANA name such as Europe/Paris)`), null;
  const time = parseTime(raw.time);
  if (!time) return warn(where, [...path, 'time'], `'time' must be 'HHMM' (24-hour), got '${String(raw.time ?? '')}'`), null;
  const dayName = text(raw.day)?.toLowerCase();
  let weekday = dayName ? DAYS.indexOf(dayName) + 1 : 0;
  const monthly = monthlyWeekday(freq);
  if (weekday === 0 && monthly) weekday = monthly;
  if (weekday === 0) return warn(where, [...path, 'day'], `'day' must be a weekday name, got '${String(raw.day ?? '')}'`), null;
  if (monthly && weekday !== monthly) warn(where, [...path, 'day'], `'day' ${raw.day as string} disagrees with frequency ${freq}; the frequency's day is used`);
  const rawChannel = text(raw.irc) ?? text(raw.channel) ?? text(raw.location);
  if (!rawChannel) return warn(where, path, "schedule entry without 'irc' (the channel)"), null;
  // The format names IRC channels without '#'.
  const channel = raw.irc !== undefined && /^[\w.-]+$/.test(rawChannel) ? `#${rawChannel}` : rawChannel;
  let startDate: DateTime | undefined;
  if (raw.start_date !== undefined) {
    startDate = parseDate(raw.start_date, zone);
    if (!startDate) warn(where, [...path, 'start_date'], `'start_date' must be YYYYMMDD, got '${String(raw.start_date)}'; ignored`);
  }
  let durationMinutes = 60;
  if (raw.duration !== undefined) {
    const d = Number(raw.duration);
    if (Number.isInteger(d) && d > 0 && d <= 24 * 60) durationMinutes = d;
    else warn(where, [...path, 'duration'], `'duration' must be minutes (1-1440), got '${String(raw.duration)}'; 60 used`);
  }
  const skipDates: ScheduleEntry['skipDates'] = [];
  if (raw.skip_dates !== undefined) {
    const list = Array.isArray(raw.skip_dates) ? raw.skip_dates : [];
    if (!Array.isArray(raw.skip_dates)) warn(where, [...path, 'skip_dates'], "'skip_dates' must be a list of {skip_date, reason}");
    list.forEach((s: unknown, i) => {
      const date = isRecord(s) ? parseDate(s.skip_date, zone) : parseDate(s, zone);
      if (!date) return warn(where, [...path, 'skip_dates', i], 'a skip date must be YYYYMMDD; ignored');
      skipDates.push({ date: date.toISODate()!, reason: isRecord(s) ? text(s.reason) : undefined });
    });
  }
  const locationOverrides: NonNullable<ScheduleEntry['locationOverrides']> = [];
  if (Array.isArray(raw.location_overrides)) {
    raw.location_overrides.forEach((o: unknown, i) => {
      if (isRecord(o) && o.when === 'first-of-month' && text(o.location)) locationOverrides.push({ when: 'first-of-month', location: text(o.location)! });
      else warn(where, [...path, 'location_overrides', i], "a location override needs when: first-of-month and a 'location'; ignored");
    });
  }
  return { time, weekday, channel, frequency: freq, zone, startDate, durationMinutes, skipDates, ...(locationOverrides.length ? { locationOverrides } : {}) };
}

/** One meeting from its parsed mapping; null (with warnings) when nothing usable is left. */
function parseMeeting(raw: unknown, base: YamlPath, fallbackId: string, where: Where): Meeting | null {
  if (!isRecord(raw)) return warn(where, base, 'a meeting definition must be a mapping (project, schedule …)'), null;
  for (const key of Object.keys(raw)) if (!MEETING_KEYS.has(key)) warn(where, [...base, key], `unknown key '${key}'`);
  const name = text(raw.project) ?? text(raw.name);
  if (!name) return warn(where, base, "meeting without 'project' (its name)"), null;
  if (!Array.isArray(raw.schedule) || raw.schedule.length === 0) return warn(where, [...base, 'schedule'], `meeting '${name}' has no 'schedule' list`), null;
  const max = where.maxSchedules ?? SOURCE_LIMITS.meetingMaxSchedules;
  if (raw.schedule.length > max) {
    warn(where, [...base, 'schedule', max], `meeting '${name}' has ${raw.schedule.length} schedule entries; the first ${max} are used (RDOBOT_MEETING_MAX_SCHEDULES)`);
  }
  const schedules = raw.schedule.slice(0, max).map((s: unknown, i) => parseSchedule(s, [...base, 'schedule', i], where)).filter((s): s is ScheduleEntry => s !== null);
  if (schedules.length === 0) return warn(where, [...base, 'schedule'], `meeting '${name}' has no usable schedule entry`), null;
  const agenda = text(raw.agenda_url);
  if (agenda && !webHref(agenda)) warn(where, [...base, 'agenda_url'], `'agenda_url' must be an http(s) address, got '${agenda.slice(0, 80)}'; left out`);
  return {
    id: text(raw.meeting_id) ?? text(raw.id) ?? fallbackId,
    name,
    chair: text(raw.chair),
    description: text(raw.description),
    agendaUrl: agenda && webHref(agenda) ? agenda : undefined,
    schedules,
    source: where.file,
  };
}

/** Later definitions with an id already taken are reported and left out. */
function addUnique(meetings: Meeting[], m: Meeting, warnings: DefinitionWarning[]): void {
  const first = meetings.find((x) => x.id === m.id);
  if (first) warnings.push({ file: m.source, reason: `meeting id '${m.id}' is already defined in ${first.source}; this one is ignored` });
  else meetings.push(m);
}

/**
 * Meeting definitions (one irc-meetings YAML file per meeting) from these directories; broken files are warnings.
 * With `lastGood` (kept by the caller between loads), a file that breaks keeps the meeting it last gave, as a post does,
 * so a truncated save never drops a meeting and its reminders.
 */
export async function loadMeetings(
  dirs: string[],
  limits: Partial<SourceLimits> = {},
  lastGood?: Map<string, Meeting>,
): Promise<{ meetings: Meeting[]; warnings: DefinitionWarning[] }> {
  const warnings: DefinitionWarning[] = [];
  const meetings: Meeting[] = [];
  const files = await yamlFiles(dirs, warnings, limits.allowOutsideLinks);
  for (const file of files) {
    const before = warnings.length;
    const source = await readYaml(file, warnings, limits.definitionMaxBytes);
    const m = source && parseMeeting(source.data, [], basename(file, extname(file)), { file, lineOf: source.lineOf, warnings, maxSchedules: limits.meetingMaxSchedules });
    if (m) {
      lastGood?.set(file, m);
      addUnique(meetings, m, warnings);
      continue;
    }
    const kept = lastGood?.get(file);
    if (!kept) continue;
    const last = warnings.slice(before).at(-1);
    if (last) last.reason = `${last.reason}; the meeting's last good version is kept`;
    addUnique(meetings, kept, warnings);
  }
  if (lastGood) for (const file of lastGood.keys()) if (!files.includes(file)) lastGood.delete(file);
  return { meetings, warnings };
}

/**
 * Meetings given in rdobot's own YAML config (`meetings:` list), in the same shape as a meeting file, plus
 * `name`/`id`, `channel`/`location` and `location_overrides` (e.g. the first meeting of the month is a video call).
 * `lineOf`, if given, maps a path inside the list ([0, 'schedule', 1, 'day']) to its line in the config file.
 */
export function meetingsFromConfig(
  list: unknown,
  source: string,
  lineOf: (path: YamlPath) => number | undefined = () => undefined,
  limits: Partial<SourceLimits> = {},
): { meetings: Meeting[]; warnings: DefinitionWarning[] } {
  const warnings: DefinitionWarning[] = [];
  const meetings: Meeting[] = [];
  if (list === undefined || list === null) return { meetings, warnings };
  if (!Array.isArray(list)) return { meetings, warnings: [{ file: source, line: lineOf([]), reason: "'meetings' must be a list of meeting definitions" }] };
  list.forEach((raw, i) => {
    const m = parseMeeting(raw, [i], `meeting-${i + 1}`, { file: source, lineOf, warnings, maxSchedules: limits.meetingMaxSchedules });
    if (m) addUnique(meetings, m, warnings);
  });
  return { meetings, warnings };
}

/** Meetings from files and config together (config wins on an id clash: it is the operator's own word). */
export function mergeMeetings(fromConfig: Meeting[], fromFiles: Meeting[], warnings: DefinitionWarning[]): Meeting[] {
  const out = [...fromConfig];
  for (const m of fromFiles) addUnique(out, m, warnings);
  return out;
}
