import { basename, extname } from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import { FREQUENCIES, type DefinitionWarning, type Frequency, type Meeting, type ScheduleEntry } from './types.js';
import { monthlyWeekday } from './recurrence.js';
import { isRecord, parseYaml, readYaml, yamlFiles, type YamlPath } from './yaml-source.js';
import { LOCATION_OVERRIDE, MEETING_FIELDS, MEETING_KEYS, SCHEDULE_FIELDS, SCHEDULE_KEYS, SKIP_DATE } from './source-schemas.js';
import { typedFields } from '../base/typed-fields.js';
import { firstLine } from '../base/first-line.js';
import type { SavedSources } from './saved-sources.js';
import { cleanLine, webHref } from '../core/sanitize.js';
import { SOURCE_LIMITS, type SourceLimits } from '../archive/limits.js';

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

/** 'HHMM' from '1400', 1400 (unquoted YAML, given here as text), '900' or '14:00'. */
function parseTime(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const raw = v.trim().replace(':', '').padStart(4, '0');
  const m = /^(\d\d)(\d\d)$/.exec(raw);
  return m && Number(m[1]) < 24 && Number(m[2]) < 60 ? raw : undefined;
}

/** A local date from YYYYMMDD (the format) or YYYY-MM-DD. */
function parseDate(v: string | undefined, zone: string): DateTime | undefined {
  const raw = (v ?? '').replace(/-/g, '');
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
  const f = typedFields(raw, SCHEDULE_FIELDS, (key, reason) => warn(where, [...path, key], `${reason}; ignored`));
  const frequency = text(f.frequency);
  if (!frequency) return warn(where, path, "schedule entry without 'frequency'"), null;
  if (!(FREQUENCIES as readonly string[]).includes(frequency)) {
    warn(where, [...path, 'frequency'], `unknown frequency '${frequency}' (known: ${FREQUENCIES.join(', ')})`);
    return null;
  }
  const freq = frequency as Frequency;
  const zone = text(f.timezone) ?? 'UTC';
  if (!IANAZone.isValidZone(zone)) return warn(where, [...path, 'timezone'], `unknown time zone '${zone}' (use an IANA name such as Europe/Paris)`), null;
  const time = parseTime(f.time);
  if (!time) return warn(where, [...path, 'time'], `'time' must be 'HHMM' (24-hour), got '${f.time ?? ''}'`), null;
  const dayName = text(f.day)?.toLowerCase();
  let weekday = dayName ? DAYS.indexOf(dayName) + 1 : 0;
  const monthly = monthlyWeekday(freq);
  if (weekday === 0 && monthly) weekday = monthly;
  if (weekday === 0) return warn(where, [...path, 'day'], `'day' must be a weekday name, got '${f.day ?? ''}'`), null;
  if (monthly && weekday !== monthly) warn(where, [...path, 'day'], `'day' ${f.day} disagrees with frequency ${freq}; the frequency's day is used`);
  const rawChannel = text(f.irc) ?? text(f.channel) ?? text(f.location);
  if (!rawChannel) return warn(where, path, "schedule entry without 'irc' (the channel)"), null;
  // The format names IRC channels without '#'.
  const channel = f.irc !== undefined && /^[\w.-]+$/.test(rawChannel) ? `#${rawChannel}` : rawChannel;
  let startDate: DateTime | undefined;
  if (f.start_date !== undefined) {
    startDate = parseDate(f.start_date, zone);
    if (!startDate) warn(where, [...path, 'start_date'], `'start_date' must be YYYYMMDD, got '${f.start_date}'; ignored`);
  }
  let durationMinutes = 60;
  if (f.duration !== undefined) {
    const d = Number(f.duration);
    if (Number.isInteger(d) && d > 0 && d <= 24 * 60) durationMinutes = d;
    else warn(where, [...path, 'duration'], `'duration' must be minutes (1-1440), got '${f.duration}'; 60 used`);
  }
  const skipDates: ScheduleEntry['skipDates'] = [];
  (f.skip_dates ?? []).forEach((s: unknown, i) => {
    const item = SKIP_DATE.safeParse(s);
    const date = item.success ? parseDate(item.data.skip_date, zone) : undefined;
    if (!date || !item.success) return warn(where, [...path, 'skip_dates', i], 'a skip date must be YYYYMMDD; ignored');
    skipDates.push({ date: date.toISODate()!, reason: text(item.data.reason) });
  });
  const locationOverrides: NonNullable<ScheduleEntry['locationOverrides']> = [];
  (f.location_overrides ?? []).forEach((o: unknown, i) => {
    const item = LOCATION_OVERRIDE.safeParse(o);
    const location = item.success ? text(item.data.location) : undefined;
    if (location) locationOverrides.push({ when: 'first-of-month', location });
    else warn(where, [...path, 'location_overrides', i], "a location override needs when: first-of-month and a 'location'; ignored");
  });
  return { time, weekday, channel, frequency: freq, zone, startDate, durationMinutes, skipDates, ...(locationOverrides.length ? { locationOverrides } : {}) };
}

/** One meeting from its parsed mapping; null (with warnings) when nothing usable is left. */
function parseMeeting(raw: unknown, base: YamlPath, fallbackId: string, where: Where): Meeting | null {
  if (!isRecord(raw)) return warn(where, base, 'a meeting definition must be a mapping (project, schedule …)'), null;
  for (const key of Object.keys(raw)) if (!MEETING_KEYS.has(key)) warn(where, [...base, key], `unknown key '${key}'`);
  const f = typedFields(raw, MEETING_FIELDS, (key, reason) => warn(where, [...base, key], `${reason}; ignored`));
  const name = text(f.project) ?? text(f.name);
  if (!name) return warn(where, base, "meeting without 'project' (its name)"), null;
  if (!f.schedule || f.schedule.length === 0) return warn(where, [...base, 'schedule'], `meeting '${name}' has no 'schedule' list`), null;
  const max = where.maxSchedules ?? SOURCE_LIMITS.meetingMaxSchedules;
  if (f.schedule.length > max) {
    warn(where, [...base, 'schedule', max], `meeting '${name}' has ${f.schedule.length} schedule entries; the first ${max} are used (RDOBOT_MEETING_MAX_SCHEDULES)`);
  }
  const schedules = f.schedule.slice(0, max).map((s: unknown, i) => parseSchedule(s, [...base, 'schedule', i], where)).filter((s): s is ScheduleEntry => s !== null);
  if (schedules.length === 0) return warn(where, [...base, 'schedule'], `meeting '${name}' has no usable schedule entry`), null;
  const agenda = text(f.agenda_url);
  if (agenda && !webHref(agenda)) warn(where, [...base, 'agenda_url'], `'agenda_url' must be an http(s) address, got '${agenda.slice(0, 80)}'; left out`);
  return {
    id: text(f.meeting_id) ?? text(f.id) ?? fallbackId,
    name,
    chair: text(f.chair),
    description: text(f.description),
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
 * so a truncated save never drops a meeting and its reminders; with `saved`, so does one that broke while the bot was
 * down. Whatever goes wrong in one file (any exception) is that file's warning: the others load.
 * `unusable` lists the files that gave nothing new (skipped, or serving their last good version), with the reason.
 */
export async function loadMeetings(
  dirs: string[],
  limits: Partial<SourceLimits> = {},
  lastGood?: Map<string, Meeting>,
  saved?: SavedSources,
): Promise<{ meetings: Meeting[]; warnings: DefinitionWarning[]; unusable: DefinitionWarning[] }> {
  const warnings: DefinitionWarning[] = [];
  const unusable: DefinitionWarning[] = [];
  const meetings: Meeting[] = [];
  const files = await yamlFiles(dirs, warnings, limits.allowOutsideLinks);
  const read = (file: string, data: unknown, lineOf: (path: YamlPath) => number | undefined, into: DefinitionWarning[]) =>
    parseMeeting(data, [], basename(file, extname(file)), { file, lineOf, warnings: into, maxSchedules: limits.meetingMaxSchedules });
  for (const file of files) {
    const before = warnings.length;
    try {
      const source = await readYaml(file, warnings, limits.definitionMaxBytes);
      const m = source && read(file, source.data, source.lineOf, warnings);
      if (m && source) {
        lastGood?.set(file, m);
        saved?.set(file, source.text);
        addUnique(meetings, m, warnings);
        continue;
      }
    } catch (err) {
      warnings.push({ file, reason: `could not be read: ${firstLine(err)}` });
    }
    const kept = lastGood?.get(file) ?? fromSaved(saved?.get(file), file, read);
    const last = warnings.slice(before).at(-1) ?? { file, reason: 'gave no meeting' };
    if (kept) {
      lastGood?.set(file, kept);
      last.reason = `${last.reason}; the meeting's last good version is kept`;
      addUnique(meetings, kept, warnings);
    }
    unusable.push(last);
  }
  if (lastGood) for (const file of lastGood.keys()) if (!files.includes(file)) lastGood.delete(file);
  saved?.keepOnly(files);
  return { meetings, warnings, unusable };
}

/** One meeting file's text, read as the loader reads a file: its meeting, or null with the reasons in `warnings`. */
export function meetingFromText(file: string, text: string, warnings: DefinitionWarning[], limits: Partial<SourceLimits> = {}): Meeting | null {
  const source = parseYaml(file, text);
  if ('reason' in source) return warnings.push(source), null;
  return parseMeeting(source.data, [], basename(file, extname(file)), { file, lineOf: source.lineOf, warnings, maxSchedules: limits.meetingMaxSchedules });
}

/** A file's saved last good text read again, as it was read when it was good; nothing when it no longer reads. */
export function fromSaved<T>(text: string | undefined, file: string, read: (file: string, data: unknown, lineOf: () => undefined, into: DefinitionWarning[]) => T | null): T | null {
  if (text === undefined) return null;
  try {
    const source = parseYaml(file, text);
    return 'reason' in source ? null : read(file, source.data, () => undefined, []);
  } catch {
    return null;
  }
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
