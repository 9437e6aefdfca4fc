import type { Reply, ReplyItem } from './types.js';

export interface TextStyle {
  bold(text: string): string;
}

export const PLAIN: TextStyle = { bold: (t) => t };

const join = (parts: (string | undefined)[]) => parts.filter((p) => p && p.length > 0).join(' — ');

function itemLine(item: ReplyItem, style: TextStyle): string {
  const line = join([style.bold(item.title), item.meta, item.summary && !item.link ? item.summary : undefined, item.link]);
  return item.match ? `${line} (matched ${item.match})` : line;
}

/**
 * A reply as plain text lines, for the shell and IRC. The first line stands on its own;
 * the others add detail. Links stay bare so every client makes them clickable.
 */
export function renderLines(reply: Reply, style: TextStyle = PLAIN): string[] {
  const lines: string[] = [];
  const first = reply.link && !reply.text.includes(reply.link) ? `${reply.text} — ${reply.link}` : reply.text;
  lines.push(first);
  if (reply.fields?.length) lines.push(reply.fields.map((f) => `${f.label}: ${f.value}`).join(' · '));
  if (reply.kind === 'answer') {
    for (const item of reply.items ?? []) if (item.summary) lines.push(item.summary);
  } else {
    for (const item of reply.items ?? []) lines.push(itemLine(item, style));
  }
  if (reply.more) lines.push(`… and ${reply.more.count} more${reply.more.link ? ` (see ${reply.more.link})` : ''}`);
  return lines;
}
