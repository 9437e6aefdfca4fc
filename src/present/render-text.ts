import type { Reply, ReplyItem, ReplyMore } from '../core/types.js';

export interface TextStyle {
  bold(text: string): string;
}

export const PLAIN: TextStyle = { bold: (t) => t };

const join = (parts: (string | undefined)[]) => parts.filter((p) => p && p.length > 0).join(' — ');

function itemLine(item: ReplyItem, style: TextStyle): string {
  const line = join([style.bold(item.title), item.meta, item.summary, item.link]);
  return item.match ? `${line} (matched ${item.match})` : line;
}

/** Answers, reminders and errors are about one thing: their items add detail, not lines of a list. */
export function isSingle(reply: Reply): boolean {
  return reply.kind === 'answer' || reply.kind === 'notice' || reply.kind === 'error';
}

export interface MarkupWriters {
  link(url: string): string;
  text(plain: string): string;
}

const AS_IS: MarkupWriters = { link: (u) => u, text: (t) => t };

/** "… and 9 more (!more shows them)", with a page that lists them all where one exists. */
export function moreText(more: ReplyMore, markup: MarkupWriters = AS_IS): string {
  const how = [more.command ? markup.text(`${more.command} shows them`) : '', more.link ? `${markup.text('all at')} ${markup.link(more.link)}` : '']
    .filter(Boolean)
    .join('; ');
  return `${markup.text(`… and ${more.count} more`)}${how ? ` (${how})` : ''}`;
}

/** The reply's first line: its text, the link unless the text has it, and an inline list's names. */
export function headline(reply: Reply, style: TextStyle = PLAIN): string {
  let first = reply.link && !reply.text.includes(reply.link) ? `${reply.text} — ${reply.link}` : reply.text;
  if (reply.layout === 'inline' && reply.items?.length) first += ` ${reply.items.map((i) => i.title).join(', ')}`;
  return first;
}

/**
 * A reply as plain text lines, for the shell, IRC and Matrix's plain body. The first line stands on its own and
 * says each fact once; the others add detail (a summary, one line per list item, how to see the rest).
 * Links stay bare so every client makes them clickable.
 */
export function renderLines(reply: Reply, style: TextStyle = PLAIN): string[] {
  const listed = !isSingle(reply) && reply.layout !== 'inline' && (reply.items?.length ?? 0) > 0;
  // A later page of a list is its items: its header would only repeat that it continues.
  const lines: string[] = reply.continued && listed ? [] : [headline(reply, style)];
  if (reply.fields?.length) lines.push(reply.fields.map((f) => `${f.label}: ${f.value}`).join(' · '));
  if (isSingle(reply)) {
    for (const item of reply.items ?? []) if (item.summary) lines.push(item.summary);
  } else if (reply.layout !== 'inline') {
    for (const item of reply.items ?? []) lines.push(itemLine(item, style));
  }
  if (reply.note) lines.push(reply.note);
  // A page's "… and N more (!more shows them)" closes its last item's line, so that it costs no item its place.
  if (reply.more && reply.more.command && listed && !reply.note) lines[lines.length - 1] += ` ${moreText(reply.more)}`;
  else if (reply.more) lines.push(moreText(reply.more));
  return lines;
}
