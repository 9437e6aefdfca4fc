import type { DateTime } from 'luxon';
import type { Archive } from '../archive/archive.js';
import type { Reply, ReplyItem } from '../core/types.js';
import { dayText, listSpanText, listTimeText, relative } from '../present/time.js';
import { entryLabel } from './entry-kind.js';
import type { Meeting, TestDay } from './types.js';
import { weekEntries, type Span, type WeekEntry } from './week.js';

/** What a week's answer is made from: `!week` and the weekly digest read the same. */
export interface WeekData {
  meetings: () => Meeting[];
  testDays: () => TestDay[];
  archive: () => Archive;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Each line's time in the reader's zone (the heading names it) with UTC beside it once. */
function item(e: WeekEntry, now: DateTime, zone: string): ReplyItem {
  if (e.kind === 'meeting') {
    const o = e.occurrence;
    const timing = o.start <= now && now < o.end ? 'running now' : relative(o.start, now);
    return { title: o.meeting.name, link: o.meeting.agendaUrl, meta: `${listTimeText(o.start, zone, timing)}, ${o.location}`, when: o.start };
  }
  if (e.kind === 'testday') {
    const t = e.testDay;
    return { title: t.title, link: t.link, meta: `${entryLabel(t)}, ${listSpanText(t.start, t.end, zone)}`, when: t.start };
  }
  const p = e.post;
  return { title: p.title, link: p.url, meta: `new post, ${listTimeText(e.at, zone)}, by ${p.author}`, when: p.date };
}

/** The meetings, test days and new posts of a span, in the reader's zone; `heading` instead of the span's own. */
export function weekAnswer(data: WeekData, span: Span, now: DateTime, zone: string, heading?: string): Reply {
  const entries = weekEntries(span, data.meetings(), data.testDays(), data.archive().all(), now);
  const meetings = entries.filter((e) => e.kind === 'meeting').length;
  const testDays = entries.filter((e) => e.kind === 'testday').length;
  const posts = entries.filter((e) => e.kind === 'post').length;
  const dates = span.label === 'the coming 7 days' ? '' : ` (${dayText(span.from, zone)})`;
  const title = heading ?? `${span.label[0].toUpperCase()}${span.label.slice(1)}${dates}, times in ${zone}`;
  if (entries.length === 0) return { kind: 'answer', text: `${title}: no meetings, test days or new posts.` };
  const summary = [count(meetings, 'meeting'), count(testDays, 'test day'), count(posts, 'new post')].join(', ');
  return { kind: 'list', text: `${title}: ${summary}`, items: entries.map((e) => item(e, now, zone)) };
}
