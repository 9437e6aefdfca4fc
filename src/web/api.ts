import type { ArchiveReader } from '../archive/archive-at.js';
import { replyJson } from '../present/reply-json.js';
import { resolveZone } from '../core/zones.js';
import type { ErrorCode, Reply } from '../core/types.js';
import { whenText } from '../present/time.js';
import { occurrenceItem } from '../views/occurrence-item.js';
import { testDayItem } from '../views/testday-item.js';
import { postItem } from '../views/post-item.js';
import { WINDOW_DAYS, type WhatsOn } from './whats-on.js';

/** Longest search query, as for chat commands. */
export const MAX_QUERY = 500;
/** Most posts one list answer returns. */
const MAX_LIST = 50;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const errorReply = (e: ApiError): Reply => ({ kind: 'error', code: e.code, text: e.message });

/** `?tz=` as `--tz` takes it; UTC by default. */
export function zoneParam(params: URLSearchParams): string {
  const tz = params.get('tz');
  if (tz === null || tz === '') return 'UTC';
  const read = resolveZone(tz);
  if ('error' in read) throw new ApiError(400, 'BAD_OPTION', read.error);
  return read.zone;
}

/** `?n=`: how many posts, 1 to 50. */
export function countParam(params: URLSearchParams, fallback: number): number {
  const n = params.get('n');
  if (n === null || n === '') return fallback;
  if (!/^\d{1,3}$/.test(n) || Number(n) < 1 || Number(n) > MAX_LIST) throw new ApiError(400, 'BAD_ARGUMENTS', `n must be a whole number from 1 to ${MAX_LIST}.`);
  return Number(n);
}

/** `?q=`: the search words, required, at most 500 characters. */
export function queryParam(params: URLSearchParams): string {
  const q = (params.get('q') ?? '').trim();
  if (!q) throw new ApiError(400, 'BAD_ARGUMENTS', 'Say what to look for: ?q=words');
  if (q.length > MAX_QUERY) throw new ApiError(400, 'TOO_LONG', `The search is longer than ${MAX_QUERY} characters.`);
  return q;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The page's meetings as a list reply: each occurrence as `!meeting next` gives it; skipped dates as fields. */
export function meetingsReply(view: WhatsOn, zone: string): Reply {
  const ctx = { now: view.now, zone };
  const held = view.meetings.filter((s) => !s.skipped).map((s) => s.occurrence);
  const running = held.filter((o) => o.start <= view.now).length;
  return {
    kind: 'list',
    text: `${plural(held.length, 'meeting')} in the next ${WINDOW_DAYS} days${running ? `, ${running} running now` : ''}`,
    items: held.map((o) => occurrenceItem(o, ctx)),
    fields: view.meetings
      .filter((s) => s.skipped)
      .map(({ occurrence: o, skipped }) => ({ label: 'skipped', value: `${o.meeting.name}, ${whenText(o.start, zone)}${skipped?.reason ? `: ${skipped.reason}` : ''}` })),
  };
}

/** Test and doc days of the window (or the next one after it) as `!testday list` gives them. */
export function testDaysReply(view: WhatsOn, zone: string): Reply {
  const ctx = { now: view.now, zone };
  const shown = view.testDays.length ? view.testDays : view.nextTestDay ? [view.nextTestDay] : [];
  const text = view.testDays.length
    ? `${plural(view.testDays.length, 'test/doc day')} in the next ${WINDOW_DAYS} days`
    : shown.length
      ? `No test day in the next ${WINDOW_DAYS} days; the next one`
      : 'No test day is scheduled';
  return { kind: 'list', text, items: shown.map((t) => testDayItem(t, ctx)) };
}

/** The newest posts (or interviews) as `!interview latest` items: with person, date, author, tags and summary. */
export function postsReply(archive: ArchiveReader, kind: 'interview' | undefined, count: number, zone: string): Reply {
  const all = archive.all(kind);
  const shown = all.slice(0, count);
  const noun = kind ?? 'post';
  return {
    kind: 'list',
    text: `${plural(all.length, noun)}, newest first${shown.length < all.length ? ` (showing ${shown.length})` : ''}`,
    items: shown.map((p) => postItem(p, zone)),
    ...(shown.length < all.length ? { more: { count: all.length - shown.length } } : {}),
  };
}

/** Search results as `!post search` gives them (with why each matched), plus each post's summary. */
export function searchReply(archive: ArchiveReader, query: string, count: number, zone: string): Reply {
  const { total, hits } = archive.search(query, undefined, count);
  return {
    kind: 'list',
    text: total ? `${plural(total, 'post')} match '${query}', best first` : `No post matches '${query}'.`,
    items: hits.map((h) => postItem(h.post, zone, h.why)),
    ...(hits.length < total ? { more: { count: total - hits.length } } : {}),
  };
}

export const json = (reply: Reply, zone: string): string => `${replyJson(reply, zone)}\n`;
