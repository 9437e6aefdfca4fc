import type { DateTime } from 'luxon';
import type { MinutesFormat } from './layout.js';
import type { Minutes } from './minutes.js';

/** Where a file's links lead: the other files of the meeting, the index pages, the style sheet. */
export interface WriterLinks {
  /** Each file of the meeting by its bare name: files sit side by side, so the name is a relative address. */
  file: Record<MinutesFormat, string>;
  /** Each file's address as people are given it: full under HTTP_PUBLIC_URL, else its path on the bot's HTTP. */
  url: Record<MinutesFormat, string>;
  /** The room's list of meetings, relative to a file (`../`), and the list of every room (`../../`). */
  room: string;
  all: string;
  /** The site's style sheet, relative to a file. */
  stylesheet: string;
}

/**
 * One output format of a meeting (as a writer of MeetBot's writers.py): registered once in writers.ts. A writer
 * streams: it hands its output piece by piece to `out` and reads the log through `m.log()`, never holding a whole
 * document, so a 10,000-line meeting of 4,000-character lines is written in bounded memory.
 */
export interface MinutesWriter {
  format: MinutesFormat;
  /** What it is, for people: "minutes (HTML)", "log (text)". */
  label: string;
  /**
   * Its name in the end-of-meeting message ("Minutes: …"), in its line of text or as a field after it (a reply's text
   * is one line of at most 300 characters); none: reached from another file only.
   */
  announce?: { label: string; in: 'text' | 'field' };
  /** Its HTTP content type. */
  type: string;
  write(m: Minutes, links: WriterLinks, out: (chunk: string) => void): void;
}

export const hhmm = (t: { at: DateTime }) => t.at.toFormat('HH:mm');
export const hhmmss = (t: { at: DateTime }) => t.at.toFormat('HH:mm:ss');
