import { joinSplitDays } from './join-days.js';
import { basename, extname } from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import { postMillis, type Post } from '../archive/post.js';
import { ANNOUNCEMENT_CUES } from './announced/cues.js';
import type { AnnouncedEvent } from './announced/post-events.js';
import { AnnouncedEvents, type AnnouncedReading } from './announced/kept.js';
import { eventTitle } from './announced/entry-title.js';
import { testDayRange } from './testday-titles.js';
import type { DefinitionWarning, TestDay } from './types.js';
import { isRecord, parseYaml, readYaml, yamlFiles, type YamlPath } from './yaml-source.js';
import { EVENTS_FILE_FIELDS, TALK_FIELDS, TALK_KEYS } from './source-schemas.js';
import { typedFields } from '../base/typed-fields.js';
import { fromSaved } from './meetings-load.js';
import { firstLine } from '../base/first-line.js';
import type { SavedSources } from './saved-sources.js';
import { cleanLine, webHref } from '../core/sanitize.js';
import { SOURCE_LIMITS, type SourceLimits } from '../archive/limits.js';

const TEST_DAY = /\btest\s*-?days?\b/i;
const DOC_DAY = /\bdoc(?:s|umentation)?\s*(?:days?|sprints?)\b/i;

/** '2015-12-10 00:01 UTC', '2017-06-08 00:01 CET', '2016-09-08 09:00 Europe/Paris' or ISO-8601. */
export function parseEventTime(value: string | Date | undefined): DateTime | undefined {
  const raw = value instanceof Date ? (Number.isNaN(value.getTime()) ? '' : value.toISOString()) : (value ?? '').trim();
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})(?::\d{2})?\s*([A-Za-z_/+-][\w/+-]*)?$/.exec(raw);
  if (m) {
    const zoneName = !m[3] || /^(utc|gmt|z)$/i.test(m[3]) ? 'UTC' : m[3];
    // Abbreviations the tz database knows as zones (CET, EET, MET, WET) follow their summer time too.
    if (!IANAZone.isValidZone(zoneName)) return undefined;
    const d = DateTime.fromFormat(`${m[1]} ${m[2].padStart(5, '0')}`, 'yyyy-MM-dd HH:mm', { zone: zoneName });
    return d.isValid ? d : undefined;
  }
  const iso = DateTime.fromISO(raw, { zone: 'UTC', setZone: true });
  return iso.isValid ? iso : undefined;
}

const firstUrl = (s?: string) => s?.match(/https?:\/\/[^\s)>\]]+/)?.[0]?.replace(/[.,;]+$/, '');

/**
 * Test days (and doc days, labelled) from the `talks:` of events YAML files. A file that breaks (any exception) keeps
 * the test days it last gave (`lastGood` in memory, `saved` across restarts), and its warning says so.
 */
async function testDaysFromEvents(
  dirs: string[],
  warnings: DefinitionWarning[],
  unusable: DefinitionWarning[],
  limits: Partial<SourceLimits>,
  lastGood?: Map<string, TestDay[]>,
  saved?: SavedSources,
): Promise<TestDay[]> {
  const out: TestDay[] = [];
  const files = await yamlFiles(dirs, warnings, limits.allowOutsideLinks);
  for (const file of files) {
    const before = warnings.length;
    try {
      const source = await readYaml(file, warnings, limits.definitionMaxBytes);
      const days = source && talksOf(file, source.data, source.lineOf, warnings, limits);
      if (days && source) {
        lastGood?.set(file, days);
        saved?.set(file, source.text);
        out.push(...days);
        continue;
      }
    } catch (err) {
      warnings.push({ file, reason: `could not be read: ${firstLine(err)}` });
    }
    const kept = lastGood?.get(file) ?? fromSaved(saved?.get(file), file, (f, data, lineOf, into) => talksOf(f, data, lineOf, into, limits));
    const last = warnings.slice(before).at(-1) ?? { file, reason: 'gave no test days' };
    if (kept) {
      lastGood?.set(file, kept);
      last.reason = `${last.reason}; its last good version (${kept.length} test days) is kept`;
      out.push(...kept);
    }
    unusable.push(last);
  }
  if (lastGood) for (const file of lastGood.keys()) if (!files.includes(file)) lastGood.delete(file);
  saved?.keepOnly(files);
  return out;
}

/** One events file's text, read as the loader reads a file: its test days, or null with the reasons in `warnings`. */
export function testDaysFromText(file: string, text: string, warnings: DefinitionWarning[], limits: Partial<SourceLimits> = {}): TestDay[] | null {
  const source = parseYaml(file, text);
  if ('reason' in source) return warnings.push(source), null;
  return talksOf(file, source.data, source.lineOf, warnings, limits);
}

/** The test days of one events file's parsed data; null when it is no events file. */
function talksOf(file: string, data: unknown, lineOf: (path: YamlPath) => number | undefined, warnings: DefinitionWarning[], limits: Partial<SourceLimits>): TestDay[] | null {
  if (!isRecord(data)) {
    warnings.push({ file, reason: "an events file needs a 'talks:' list" });
    return null;
  }
  const fields = typedFields(data, EVENTS_FILE_FIELDS, (key, reason) => warnings.push({ file, line: lineOf([key]), reason: `${reason}; ignored` }));
  if (!fields.talks) {
    warnings.push({ file, line: lineOf(['talks']), reason: "an events file needs a 'talks:' list" });
    return null;
  }
  const out: TestDay[] = [];
  const series = `${fields.name ?? ''} ${basename(file)}`;
  const max = limits.eventsMaxTalks ?? SOURCE_LIMITS.eventsMaxTalks;
  if (fields.talks.length > max) warnings.push({ file, line: lineOf(['talks', max]), reason: `${fields.talks.length} talks; the first ${max} are used (RDOBOT_EVENTS_MAX_TALKS)` });
  fields.talks.slice(0, max).forEach((raw: unknown, i) => {
    const at = (key?: string) => lineOf(key ? ['talks', i, key] : ['talks', i]);
    if (!isRecord(raw)) return void warnings.push({ file, line: at(), reason: 'a talk must be a mapping (title, start, end …)' });
    for (const key of Object.keys(raw)) if (!TALK_KEYS.has(key)) warnings.push({ file, line: at(key), reason: `unknown talk key '${key}'` });
    const talk = typedFields(raw, TALK_FIELDS, (key, reason) => warnings.push({ file, line: at(key), reason: `${reason}; ignored` }));
    const title = talk.title ? cleanLine(talk.title) : '';
    const kind = TEST_DAY.test(title) ? 'testday' : DOC_DAY.test(title) ? 'docday' : TEST_DAY.test(series) ? 'testday' : DOC_DAY.test(series) ? 'docday' : null;
    if (!kind) return;
    const start = parseEventTime(talk.start);
    const end = parseEventTime(talk.end);
    if (!title || !start || !end || end < start) {
      warnings.push({ file, line: at(start ? 'end' : 'start'), reason: `talk '${title || '?'}' needs a title and start/end like '2016-09-08 00:01 UTC'; skipped` });
      return;
    }
    const description = talk.description ? cleanLine(talk.description) || undefined : undefined;
    const given = (talk.url ?? talk.link)?.trim();
    if (given && !webHref(given)) warnings.push({ file, line: at(talk.url !== undefined ? 'url' : 'link'), reason: `talk '${title}': the link must be an http(s) address, got '${cleanLine(given).slice(0, 80)}'; left out` });
    out.push({
      id: `${basename(file, extname(file))}-${start.toUTC().toFormat('yyyyMMdd')}-${i + 1}`,
      title,
      kind,
      start,
      end,
      location: talk.location ? cleanLine(talk.location) || undefined : undefined,
      description,
      link: (given && webHref(given) ? given : undefined) ?? firstUrl(description),
      source: `${file}:${at() ?? i + 1}`,
    });
  });
  return out;
}

function overlaps(a: { start: DateTime; end: DateTime }, b: { start: DateTime; end: DateTime }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** How far ahead of its post an announced date may be (read-dates.ts): an older post announces nothing still to come. */
const ANNOUNCES_AHEAD_MS = 300 * 86_400_000;

/**
 * What a post announces, as schedule entries: read from its words, else (a test-day post) from its title's dates.
 * Without `body`, from its title only: the body of a cached post is read from disk when first asked for. `announced`
 * reads the words (or gives what the post cache kept of an earlier reading).
 */
export function postEntries(post: Post, body = true, announced = new AnnouncedEvents()): TestDay[] {
  const events = announced.of(post, body);
  const entries: TestDay[] = events.map((e, i) => ({
    id: events.length > 1 ? `${post.slug}-${i + 1}` : post.slug,
    title: eventTitle(post.title, e, events.length),
    kind: e.kind,
    ...(e.kind === 'event' ? { what: e.what } : {}),
    start: e.start,
    // Whole days end at 23:59, as the events files write them: "Thu … 00:00 to Fri … 23:59", not "to Sat 00:00".
    end: e.allDay ? e.end.minus({ minutes: 1 }) : e.end,
    description: post.summary || undefined,
    link: e.link ?? post.url,
    source: post.source,
    announced: post.date,
  }));
  if (post.kinds.includes('testday') && !entries.some((e) => e.kind === 'testday')) {
    const range = testDayRange(post.title, post.date);
    if (range) entries.push({ id: post.slug, title: post.title, kind: 'testday', ...range, description: post.summary || undefined, link: post.url, source: post.source, announced: post.date });
  }
  return entries;
}

/** Posts read between two turns of the event loop. */
const YIELD_EVERY = 250;

const sameKind = (a: TestDay, b: TestDay) => (a.kind ?? 'testday') === (b.kind ?? 'testday') && a.what === b.what;

/**
 * Test days from events files and from archive posts that announce them in their own words (and other events they
 * announce: meetups, summits …); with `now`, the bodies of posts older than the farthest announcement are not read. A post's entry that overlaps an event's of the same kind is the same one: the event
 * is kept (its details first: exact times, location) and lends the post's link when it has none. Several posts about
 * the same days (announcement, "today" reminder) become one, the earliest post's.
 */
export async function loadTestDays(
  dirs: string[],
  posts: Post[],
  limits: Partial<SourceLimits> = {},
  lastGood?: Map<string, TestDay[]>,
  now?: DateTime,
  saved?: SavedSources,
  reading: AnnouncedReading = {},
): Promise<{ testDays: TestDay[]; warnings: DefinitionWarning[]; unusable: DefinitionWarning[] }> {
  const warnings: DefinitionWarning[] = [];
  const unusable: DefinitionWarning[] = [];
  const testDays = joinSplitDays(await testDaysFromEvents(dirs, warnings, unusable, limits, lastGood, saved));
  const byDate = [...posts].sort((a, b) => postMillis(a) - postMillis(b));
  // Given the time, a body is read only where it may announce something to come, or where the classifier saw an
  // announcement: a large archive's old bodies stay on disk (start time, memory). Titles are always read.
  const since = now ? now.toMillis() - ANNOUNCES_AHEAD_MS : -Infinity;
  // What each post announces is read once per version of the post and of the reader: later starts take it from the
  // post cache (reading dates in prose was most of a warm start's time).
  const announced = new AnnouncedEvents(reading);
  let turn = 0;
  for (const post of byDate) {
    // A running bot answers between runs of posts: a first start reads every post's words. What was read so far is
    // kept, so that a bot stopped midway does not read it again.
    if (++turn % YIELD_EVERY === 0) {
      announced.save();
      await new Promise<void>((r) => setImmediate(r));
    }
    const body = postMillis(post) >= since || post.kinds.includes('testday') || post.kinds.includes('meeting');
    let entries: TestDay[];
    try {
      entries = postEntries(post, body, announced);
    } catch (err) {
      // A post whose words break the reader of announced dates announces nothing; the others still do.
      warnings.push({ file: post.source, reason: `its announced dates could not be read: ${firstLine(err)}` });
      continue;
    }
    for (const entry of entries) {
      const same = testDays.find((t) => sameKind(t, entry) && overlaps(t, entry));
      if (same) {
        same.link ??= entry.link;
        continue;
      }
      testDays.push(entry);
    }
  }
  announced.save();
  testDays.sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.id.localeCompare(b.id));
  return { testDays, warnings, unusable };
}
