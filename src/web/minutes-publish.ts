import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildMinutes } from '../meetings/minutes.js';
import { logMarkdown, minutesMarkdown } from '../meetings/write-markdown.js';
import { logText, minutesText } from '../meetings/write-text.js';
import { meetingBase, minutesUrl, type MinutesFormat } from '../meetings/layout.js';
import type { Published } from '../meetings/recorder.js';
import type { MeetingRow, MeetingStore } from '../meetings/store.js';
import { logHtml, minutesHtml } from './minutes-html.js';

/** The directory under the data dir that holds every meeting's files (served at /meetings/). */
export const minutesDir = (dataDir: string) => join(dataDir, 'meetings');

/**
 * Write an ended meeting's minutes and log in every format (each file written whole, then renamed into place, so a
 * reader never sees half a file), remember where, and give their addresses.
 */
export function publishMinutes(store: MeetingStore, row: MeetingRow, dir: string, publicUrl?: string): Published {
  const base = meetingBase(row);
  const m = buildMinutes(store, row);
  const name = basename(base);
  const files: Record<MinutesFormat, string> = {
    html: minutesHtml(m, `${name}.log.html`),
    txt: minutesText(m, `${name}.log.txt`),
    md: minutesMarkdown(m, `${name}.log.md`),
    'log.html': logHtml(m, `${name}.html`),
    'log.txt': logText(m),
    'log.md': logMarkdown(m),
  };
  mkdirSync(dirname(join(dir, base)), { recursive: true });
  for (const [format, body] of Object.entries(files)) {
    const file = join(dir, `${base}.${format}`);
    writeFileSync(`${file}.tmp`, body);
    renameSync(`${file}.tmp`, file);
  }
  store.update(row.id, { base });
  return { minutes: minutesUrl(publicUrl, base, 'html'), log: minutesUrl(publicUrl, base, 'log.html') };
}
