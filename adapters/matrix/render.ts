import { isSingle, moreText, renderLines } from '../../src/present/render-text.js';
import { cleanLine, webHref } from '../../src/core/sanitize.js';
import type { Reply, ReplyItem } from '../../src/core/types.js';

/** The content of the m.notice the bot sends for a Reply. */
export interface MatrixNotice {
  msgtype: 'm.notice';
  body: string;
  format: 'org.matrix.custom.html';
  formatted_body: string;
  /** Intentional mentions: only who we mean to ping (the asker, or nobody), never @room. */
  'm.mentions': { user_ids?: string[] };
  'm.relates_to'?: { 'm.in_reply_to': { event_id: string } };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Untrusted text made harmless for Matrix: one clean line, and room-wide pings defused with a
 * word joiner (clients that ignore m.mentions still match `@room` in the body).
 */
export function defuse(text: string): string {
  return cleanLine(text).replace(/@(room|everyone|channel|here)\b/gi, '@\u2060$1');
}


function anchor(link: string, label = link): string {
  const href = webHref(link);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(defuse(label))}</a>` : escapeHtml(defuse(label));
}

const WEB_ADDRESS = /https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'’”]/g;

/** Untrusted text as HTML, its web addresses as anchors (clients do not all linkify formatted bodies). */
function textHtml(raw: string): string {
  const text = defuse(raw);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(WEB_ADDRESS)) {
    out += escapeHtml(text.slice(last, m.index)) + anchor(m[0]);
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

function itemHtml(item: ReplyItem): string {
  const parts = [item.link && webHref(item.link) ? `<b>${anchor(item.link, item.title)}</b>` : `<b>${escapeHtml(defuse(item.title))}</b>`];
  if (item.meta) parts.push(textHtml(item.meta));
  let html = parts.join(' — ');
  if (item.match) html += ` <i>(matched ${escapeHtml(defuse(item.match))})</i>`;
  if (item.summary) html += `<br>${textHtml(item.summary)}`;
  return html;
}

function replyHtml(reply: Reply): string {
  const blocks: string[] = [];
  const items = reply.items ?? [];
  const single = reply.kind === 'answer' && items.length === 1 ? items[0] : undefined;
  if (single) {
    // One subject: the linked title, then each fact once (when, how soon, where), then what it is about.
    blocks.push(itemHtml({ ...single, link: single.link ?? reply.link, summary: undefined }));
  } else {
    let first = textHtml(reply.text);
    if (reply.link && !reply.text.includes(reply.link)) first += ` — ${anchor(reply.link)}`;
    blocks.push(reply.kind === 'error' ? `<b>${first}</b>` : first);
  }
  if (reply.fields?.length) {
    blocks.push(reply.fields.map((f) => `<b>${escapeHtml(defuse(f.label))}</b>: ${textHtml(f.value)}`).join(' · '));
  }
  if (isSingle(reply)) {
    for (const item of items) if (item.summary) blocks.push(`<i>${textHtml(item.summary)}</i>`);
  } else if (items.length) {
    blocks.push(`<ul>${items.map((i) => `<li>${itemHtml(i)}</li>`).join('')}</ul>`);
  }
  if (reply.note) blocks.push(textHtml(reply.note));
  if (reply.more) blocks.push(moreText(reply.more, { link: (url) => anchor(url), text: (t) => escapeHtml(defuse(t)) }));
  return blocks.map((b) => (b.startsWith('<ul>') ? b : `<p>${b}</p>`)).join('');
}

/**
 * A Reply as a Matrix notice: the plain body is the same text the shell prints, line by line;
 * the HTML is built from the typed parts with every piece of text escaped. Notices are what
 * bots send: clients do not notify for them and other bots do not answer them.
 */
export function renderMatrix(reply: Reply, inReplyTo?: { eventId: string; sender: string }): MatrixNotice {
  const body = renderLines(reply).map(defuse).join('\n');
  const notice: MatrixNotice = {
    msgtype: 'm.notice',
    body,
    format: 'org.matrix.custom.html',
    formatted_body: replyHtml(reply),
    'm.mentions': inReplyTo ? { user_ids: [inReplyTo.sender] } : {},
  };
  if (inReplyTo) notice['m.relates_to'] = { 'm.in_reply_to': { event_id: inReplyTo.eventId } };
  return notice;
}
