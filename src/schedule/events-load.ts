import { joinSplitDays } from './join-days.js';
import { basename, extname } from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import { postMillis, type Post } from '../archive/post.js';
import { ANNOUNCEMENT_CUES } from './announced/cues.js';
import { announcedEvents } from './announced/post-events.js';
import { eventTitle } from './announced/entry-title.js';
import { testDayRange } from './testday-titles.js';
import type { DefinitionWarning, TestDay } from './types.js';
import { isRecord, readYaml, yamlFiles } from './yaml-source.js';
import { cleanLine, webHref } from '../core/sanitize.js';
import { SOURCE_LIMITS, type SourceLimits } from '../archive/limits.js';

const TALK_KEYS = new Set(['title', 'start', 'end', 'location', 'description', 'speaker', 'url', 'link']);
const TEST_DAY = /\btest\s*-?days?\b/i;
const DOC_DAY = /\bdoc(?:s|umentation)?\s*(?:days?|sprints?)\b/i;

/** '2015-12-10 00:01 UTC', '2017-06-08 00:01 CET', '2016-09-08 09:00 Europe/Paris' or ISO-8601. */
export function parseEventTime(value: unknown): DateTime | undefined {
  const raw = value instanceof Date ? value.toISOString() : String(value ?? '').trim();
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

/** Test days (and doc days, labelled) from the `talks:` of events YAML files. */
async function testDaysFromEvents(dirs: string[], warnings: DefinitionWarning[], limits: Partial<SourceLimits>, lastGood?: Map<string, TestDay[]>): Promise<TestDay[]> {
  const out: TestDay[] = [];
  const files = await yamlFiles(dirs, warnings, limits.allowOutsideLinks);
  /** A file that broke keeps the test days it last gave, and its warning says so. */
  const keepLastGood = (file: string) => {
    const kept = lastGood?.get(file);
    if (!kept) return;
    const last = warnings.at(-1);
    if (last?.file === file) last.reason = `${last.reason}; its last good version (${kept.length} test days) is kept`;
    out.push(...kept);
  };
  for (const file of files) {
    const source = await readYaml(file, warnings, limits.definitionMaxBytes);
    if (!source) {
      keepLastGood(file);
      continue;
    }
    const data = source.data;
    if (!isRecord(data) || !Array.isArray(data.talks)) {
      warnings.push({ file, line: source.lineOf(['talks']), reason: "an events file needs a 'talks:' list" });
      keepLastGood(file);
      continue;
    }
    const series = `${typeof data.name === 'string' ? data.name : ''} ${basename(file)}`;
    const max = limits.eventsMaxTalks ?? SOURCE_LIMITS.eventsMaxTalks;
    if (data.talks.length > max) warnings.push({ file, line: source.lineOf(['talks', max]), reason: `${data.talks.length} talks; the first ${max} are used (RDOBOT_EVENTS_MAX_TALKS)` });
    const fromFile = out.length;
    data.talks.slice(0, max).forEach((talk: unknown, i) => {
      const at = (key?: string) => source.lineOf(key ? ['talks', i, key] : ['talks', i]);
      if (!isRecord(talk)) return void warnings.push({ file, line: at(), reason: 'a talk must be a mapping (title, start, end …)' });
      for (const key of Object.keys(talk)) if (!TALK_KEYS.has(key)) warnings.push({ file, line: at(key), reason: `unknown talk key '${key}'` });
      const title = typeof talk.title === 'string' ? cleanLine(talk.title) : '';
      const kind = TEST_DAY.test(title) ? 'testday' : DOC_DAY.test(title) ? 'docday' : TEST_DAY.test(series) ? 'testday' : DOC_DAY.test(series) ? 'docday' : null;
      if (!kind) return;
      const start = parseEventTime(talk.start);
      const end = parseEventTime(talk.end);
      if (!title || !start || !end || end < start) {
        warnings.push({ file, line: at(start ? 'end' : 'start'), reason: `talk '${title || '?'}' needs a title and start/end like '2016-09-08 00:01 UTC'; skipped` });
        return;
      }
      const description = typeof talk.description === 'string' ? cleanLine(talk.description) || undefined : undefined;
      const given = typeof talk.url === 'string' ? talk.url.trim() : typeof talk.link === 'string' ? talk.link.trim() : undefined;
      if (given && !webHref(given)) warnings.push({ file, line: at(typeof talk.url === 'string' ? 'url' : 'link'), reason: `talk '${title}': the link must be an http(s) address, got '${cleanLine(given).slice(0, 80)}'; left out` });
      out.push({
        id: `${basename(file, extname(file))}-${start.toUTC().toFormat('yyyyMMdd')}-${i + 1}`,
        title,
        kind,
        start,
        end,
        location: typeof talk.location === 'string' ? cleanLine(talk.location) || undefined : undefined,
        description,
        link: (given && webHref(given) ? given : undefined) ?? firstUrl(description),
        source: `${file}:${at() ?? i + 1}`,
      });
    });
    lastGood?.set(file, out.slice(fromFile));
  }
  if (lastGood) for (const file of lastGood.keys()) if (!files.includes(file)) lastGood.delete(file);
  return out;
}

function overlaps(a: { start: DateTime; end: DateTime }, b: { start: DateTime; end: DateTime }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** How far ahead of its post an announced date may be (read-dates.ts): an older post announces nothing still to come. */
const ANNOUNCES_AHEAD_MS = 300 * 86_400_000;

/**
 * What a post announces, as schedule entries: read from its words, else (a test-day post) from its title's dates.
 * Without `body`, from its title only: the body of a cached post is read from disk when first asked for.
 */
export function postEntries(post: Post, body = true): TestDay[] {
  const events = announcedEvents(body ? post : { title: post.title, body: '', zone: post.zone, get date() { return post.date; } });
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
): Promise<{ testDays: TestDay[]; warnings: DefinitionWarning[] }> {
  const warnings: DefinitionWarning[] = [];
  const testDays = joinSplitDays(await testDaysFromEvents(dirs, warnings, limits, lastGood));
  const byDate = [...posts].sort((a, b) => postMillis(a) - postMillis(b));
  // Given the time, a body is read only where it may announce something to come, or where the classifier saw an
  // announcement: a large archive's old bodies stay on disk (start time, memory). Titles are always read.
  const since = now ? now.toMillis() - ANNOUNCES_AHEAD_MS : -Infinity;
  for (const post of byDate) {
    const body = postMillis(post) >= since || post.kinds.includes('testday') || post.kinds.includes('meeting');
    for (const entry of postEntries(post, body)) {
      const same = testDays.find((t) => sameKind(t, entry) && overlaps(t, entry));
      if (same) {
        same.link ??= entry.link;
        continue;
      }
      testDays.push(entry);
    }
  }
  testDays.sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.id.localeCompare(b.id));
  return { testDays, warnings };
}
