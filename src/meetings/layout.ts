import { DateTime } from 'luxon';
import type { MeetingRow } from './store.js';

/**
 * Where minutes live, close to MeetBot's layout so people find what they know:
 * `meetings/<channel>/<yyyy-mm-dd>/<name>.<yyyy-mm-dd-HH.MM>.html` (and .txt, .md, .log.html, .log.txt, .log.md),
 * under the data directory on disk and under /meetings/ over HTTP.
 */
export const MINUTES_FORMATS = ['html', 'txt', 'md', 'log.html', 'log.txt', 'log.md'] as const;
export type MinutesFormat = (typeof MINUTES_FORMATS)[number];

/** One path segment: lower case letters, digits, '.', '_' and '-' only, never starting with a dot. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/^[#!@]+/, '')
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'meeting'
  );
}

/** `rdo/2026-11-25/rdo_meeting.2026-11-25-14.00`: the path of a meeting's files, without the format's extension. */
export function meetingBase(row: Pick<MeetingRow, 'room' | 'name' | 'started'>): string {
  const start = DateTime.fromMillis(row.started, { zone: 'utc' });
  return `${slug(row.room)}/${start.toFormat('yyyy-MM-dd')}/${slug(row.name).replace(/-/g, '_')}.${start.toFormat('yyyy-MM-dd-HH.mm')}`;
}

/** A published file's address: under the public URL when one is configured, else a path on the bot's HTTP. */
export function minutesUrl(publicUrl: string | undefined, base: string, format: MinutesFormat): string {
  const path = `meetings/${base}.${format}`;
  return publicUrl ? new URL(path, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).toString() : `/${path}`;
}

/** A path asked over HTTP, checked segment by segment: only what meetingBase() can make is served. */
export const SAFE_FILE = /^([a-z0-9][a-z0-9_-]*)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9][a-z0-9_-]*\.\d{4}-\d{2}-\d{2}-\d{2}\.\d{2})\.(html|txt|md|log\.html|log\.txt|log\.md)$/;
