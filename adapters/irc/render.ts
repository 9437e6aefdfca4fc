import { PLAIN, renderLines, type TextStyle } from '../../src/present/render-text.js';
import type { Reply } from '../../src/core/types.js';
import { sanitizeIrc, splitBytes, utf8Length } from './split.js';

export interface IrcRenderOptions {
  bold: boolean;
  /** Most text lines of one reply (before splitting long ones); the rest are summed up in the last. */
  maxLines: number;
}

/**
 * What the core needs to know to write for IRC: commands with the bot's prefix (the core's default), and how many
 * lines an answer may take here — a channel's few, a private query's more.
 */
export function ircReading(options: { maxLines: number; privateMaxLines: number }, isPrivate: boolean): { maxLines: number } {
  return { maxLines: isPrivate ? options.privateMaxLines : options.maxLines };
}

// Titles in bold; IRC clients show \x02 as a toggle and the text stays readable where they don't.
const IRC_BOLD: TextStyle = { bold: (t) => (t.length > 0 ? `\x02${t}\x02` : t) };

/**
 * A reply as IRC text lines: the core's plain rendering (links bare, so clients make them clickable), optionally
 * with bold titles. The core already cut lists to `maxLines` (keeping the rest for !more); anything still longer
 * (a long help text) is capped here, saying how many lines were left out.
 */
export function renderIrc(reply: Reply, options: IrcRenderOptions): string[] {
  const lines = renderLines(reply, options.bold ? IRC_BOLD : PLAIN)
    .map(sanitizeIrc)
    .filter((l) => l.trim().length > 0);
  if (lines.length <= options.maxLines || reply.whole) return lines;
  const kept = lines.slice(0, Math.max(1, options.maxLines - 1));
  const left = lines.length - kept.length;
  return [...kept, `… and ${left} more line${left === 1 ? '' : 's'}`];
}

/** Rendered lines cut to fit the byte budget of one protocol line each. */
export function fitLines(lines: string[], budget: number): string[] {
  return lines.flatMap((l) => splitBytes(l, budget));
}

const ELLIPSIS = '…';

/**
 * A reply as exactly one line of at most `budget` bytes, for a promised message (a reminder, an announcement) that
 * must never be cut in half: its first line (text and link), cut between words or graphemes with an ellipsis when it
 * is too long.
 */
export function oneLine(reply: Reply, budget: number): string {
  const text = sanitizeIrc(renderLines(reply, PLAIN)[0] ?? reply.text).trim();
  if (utf8Length(text) <= budget) return text;
  return `${splitBytes(text, budget - utf8Length(ELLIPSIS))[0] ?? ''}${ELLIPSIS}`;
}
