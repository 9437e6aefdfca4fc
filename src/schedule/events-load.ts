import { basename, extname } from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import type { Post } from '../archive/post.js';
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

/**
 * Test days from events files and from archive posts that announce them. A post whose days overlap an event's is the
 * same test day: the event is kept (it has the exact times) and lends the post's link when it has none. Several posts
 * about the same days (announcement, "today" reminder) become one, the earliest post's.
 */
export async function loadTestDays(
  dirs: string[],
  posts: Post[],
  limits: Partial<SourceLimits> = {},
  lastGood?: Map<string, TestDay[]>,
): Promise<{ testDays: TestDay[]; warnings: DefinitionWarning[] }> {
  const warnings: DefinitionWarning[] = [];
  const testDays = await testDaysFromEvents(dirs, warnings, limits, lastGood);
  const announced = posts.filter((p) => p.kinds.includes('testday')).sort((a, b) => a.date.toMillis() - b.date.toMillis());
  for (const post of announced) {
    const range = testDayRange(post.title, post.date);
    if (!range) continue;
    const same = testDays.find((t) => t.kind !== 'docday' && overlaps(t, range));
    if (same) {
      same.link ??= post.url;
      continue;
    }
    testDays.push({
      id: post.slug,
      title: post.title,
      kind: 'testday',
      start: range.start,
      end: range.end,
      description: post.summary || undefined,
      link: post.url,
      source: post.source,
    });
  }
  testDays.sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.id.localeCompare(b.id));
  return { testDays, warnings };
}
