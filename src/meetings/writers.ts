import type { MinutesFormat } from './layout.js';
import { htmlLog, htmlMinutes } from './write-html.js';
import { markdownLog, markdownMinutes } from './write-markdown.js';
import { textLog, textMinutes } from './write-text.js';
import type { MinutesWriter } from './writer.js';

/**
 * Every format a meeting is written in, once each (as MeetBot's writers.py): publishing, serving and the end-of-meeting
 * message all go through this list, so a new format is one writer file and one entry here (the compiler holds this
 * record to layout.ts's MINUTES_FORMATS, the extensions the site serves).
 */
const BY_FORMAT: { [F in MinutesFormat]: MinutesWriter & { format: F } } = {
  html: htmlMinutes as MinutesWriter & { format: 'html' },
  txt: textMinutes as MinutesWriter & { format: 'txt' },
  md: markdownMinutes as MinutesWriter & { format: 'md' },
  'log.html': htmlLog as MinutesWriter & { format: 'log.html' },
  'log.txt': textLog as MinutesWriter & { format: 'log.txt' },
  'log.md': markdownLog as MinutesWriter & { format: 'log.md' },
};

export const WRITERS: readonly MinutesWriter[] = Object.values(BY_FORMAT);

export const writerOf = (format: MinutesFormat): MinutesWriter => BY_FORMAT[format];
