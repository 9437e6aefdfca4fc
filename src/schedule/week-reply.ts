import type { DateTime } from 'luxon';
import type { Archive } from '../archive/archive.js';
import type { Reply, ReplyItem } from '../core/types.js';
import { dayText, listSpanText, listTimeText, relative } from '../present/time.js';
import { entryLabel, knownEntries } from './entry-kind.js';
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
  // A test day read from a post published after now is not known yet.
  const entries = weekEntries(span, data.meetings(), knownEntries(data.testDays(), now), data.archive().all(), now);
  const meetings = entries.filter((e) => e.kind === 'meeting').length;
  // Each kind of day counted as what it is: a doc day is no test day, a meetup neither.
  const days = new Map<string, number>();
  for (const e of entries) if (e.kind === 'testday') days.set(entryLabel(e.testDay), (days.get(entryLabel(e.testDay)) ?? 0) + 1);
  days.set('test day', days.get('test day') ?? 0);
  const posts = entries.filter((e) => e.kind === 'post').length;
  const ahead = span.label === 'the coming 7 days';
  const dates = ahead ? '' : ` (${dayText(span.from, zone)})`;
  const title = heading ?? `${span.label[0].toUpperCase()}${span.label.slice(1)}${dates}, times in ${zone}`;
  if (entries.length === 0) return { kind: 'answer', text: `${title}: no meetings, test days or new posts.` };
  const coming = [count(meetings, 'meeting'), ...[...days].map(([label, n]) => count(n, label))].join(', ');
  // The span ahead holds what is coming; the posts listed with it are the week behind (a post's date is past).
  const summary = span.from.toMillis() === now.toMillis() ? `${coming}; ${count(posts, 'post')} new in the last 7 days` : `${coming}, ${count(posts, 'new post')}`;
  return { kind: 'list', text: `${title}: ${summary}`, items: entries.map((e) => item(e, now, zone)) };
}
