import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { DateTime } from 'luxon';
import type { transliterate as Transliterate } from 'transliteration';
import type { MeetingRow } from './store.js';

/**
 * Where minutes live, close to MeetBot's layout so people find what they know:
 * `meetings/<channel>/<yyyy-mm-dd>/<name>.<yyyy-mm-dd-HH.MM>-<id>.html` (and .txt, .md, .log.html, .log.txt, .log.md),
 * under the minutes directory on disk and under /meetings/ over HTTP. The meeting's id is in every file name, so two
 * meetings never share a file: not two of the same name in one minute, not a restart in the same minute.
 */
export const MINUTES_FORMATS = ['html', 'txt', 'md', 'log.html', 'log.txt', 'log.md'] as const;
export type MinutesFormat = (typeof MINUTES_FORMATS)[number];

/**
 * transliteration, loaded when a name is first made into a path: its tables take a visible part of a start, and a
 * one-shot `rdobot ask` or a service that records no meeting never needs them. It is a CommonJS package, so a
 * synchronous require keeps slug() synchronous.
 */
type TransliterateText = (text: string, options: Parameters<typeof Transliterate>[1]) => string;
let transliterateFn: TransliterateText | undefined;
const transliterate: TransliterateText = (...args) => {
  transliterateFn ??= (createRequire(import.meta.url)('transliteration') as { transliterate: TransliterateText }).transliterate;
  return transliterateFn(...args);
};

/**
 * One path segment: lower case letters, digits, '.', '_' and '-' only, never starting with a dot. Names in other
 * scripts are transliterated (`встреча` → `vstrecha`, `会议` → `hui-yi`), not collapsed into one word.
 */
export function slug(text: string): string {
  return (
    transliterate(text.normalize('NFC'), { unknown: '-' })
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/^[#!@]+/, '')
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60)
      .replace(/-$/, '') || 'meeting'
  );
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);

/**
 * A room's directory, one per room: an IRC channel `#name` whose name is already a slug keeps it (`#rdo` → `rdo`, as
 * MeetBot has it), a Slack channel its id after `slack-`; any other room — `##rdo`, a Matrix room, a name the slug
 * changed — gets a hash of its network and name after the slug (`##rdo` → `rdo-5c1e…`), so two rooms never share a
 * directory.
 */
export function roomSlug(network: string, room: string): string {
  const s = slug(room);
  if (network === 'irc' && room.toLowerCase() === `#${s}`) return s;
  // Slack's ids (C0123ABC) are upper case letters and digits: lower-cased, still one per channel.
  if (network === 'slack' && /^[A-Z0-9]{1,40}$/.test(room)) return `slack-${room.toLowerCase()}`;
  return `${s}-${shortHash(`${network}\u0000${room}`)}`;
}

/** `rdo/2026-11-25/rdo_meeting.2026-11-25-14.00-42`: the path of a meeting's files, without the format's extension. */
export function meetingBase(row: Pick<MeetingRow, 'id' | 'network' | 'room' | 'name' | 'started'> & { short_name?: string | null }): string {
  const start = DateTime.fromMillis(row.started, { zone: 'utc' });
  // #meetingname names the files; the title stays what #startmeeting said.
  return `${roomSlug(row.network, row.room)}/${start.toFormat('yyyy-MM-dd')}/${slug(row.short_name ?? row.name).replace(/-/g, '_')}.${start.toFormat('yyyy-MM-dd-HH.mm')}-${row.id}`;
}

/** A published file's address: under the public URL when one is configured, else a path on the bot's HTTP. */
export function minutesUrl(publicUrl: string | undefined, base: string, format: MinutesFormat): string {
  const path = `meetings/${base}.${format}`;
  return publicUrl ? new URL(path, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).toString() : `/${path}`;
}

/**
 * A path asked over HTTP, checked segment by segment: only what meetingBase() can make is served (files of meetings
 * published before ids were in the names have none).
 */
export const SAFE_FILE = /^([a-z0-9][a-z0-9_-]*)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9][a-z0-9_-]*\.\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}(?:-\d{1,12})?)\.(html|txt|md|log\.html|log\.txt|log\.md)$/;
