import { PLAIN, renderLines, type TextStyle } from '../src/core/render-text.js';
import type { Reply } from '../src/core/types.js';
import { sanitizeIrc, splitBytes, utf8Length } from './irc-split.js';

export interface IrcRenderOptions {
  bold: boolean;
  /** Most text lines of one reply (before splitting long ones); the rest are summed up in the last. */
  maxLines: number;
  /** Where "see" points when the reply has no link of its own. */
  moreLink?: string;
}

// Titles in bold; IRC clients show \x02 as a toggle and the text stays readable where they don't.
const IRC_BOLD: TextStyle = { bold: (t) => (t.length > 0 ? `\x02${t}\x02` : t) };

/**
 * A reply as IRC text lines: the core's plain rendering (links bare, so clients make them
 * clickable), optionally with bold titles, capped at `maxLines` with "… and N more (see <link>)".
 */
export function renderIrc(reply: Reply, options: IrcRenderOptions): string[] {
  const lines = renderLines(reply, options.bold ? IRC_BOLD : PLAIN)
    .map(sanitizeIrc)
    .filter((l) => l.trim().length > 0);
  // The core's own "… and N more" line (items it cut) is last; it is redone here with our cut added.
  const body = reply.more ? lines.slice(0, -1) : lines;
  const already = reply.more?.count ?? 0;
  if (body.length + (already > 0 ? 1 : 0) <= options.maxLines) return lines;
  const kept = body.slice(0, Math.max(1, options.maxLines - 1));
  const count = body.length - kept.length + already;
  const link = reply.more?.link ?? reply.link ?? options.moreLink;
  return [...kept, `… and ${count} more${link ? ` (see ${sanitizeIrc(link)})` : ''}`];
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
