import type { types } from '@slack/bolt';
import { isSingle, moreText, renderLines } from '../../src/present/render-text.js';
import { truncate } from '../../src/core/sanitize.js';
import type { Reply, ReplyField, ReplyItem, ShownTime } from '../../src/core/types.js';
import { cleanLine } from '../../src/core/sanitize.js';
import { defusePings, escapeMrkdwn, mrkdwnLink } from './escape.js';

type KnownBlock = types.KnownBlock;

/** What chat.postMessage and respond() get for a Reply: Block Kit plus the plain fallback Slack notifies with. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

// Slack's limits: 50 blocks a message, 3000 characters a section text, 10 fields of 2000, 10 context elements.
// Raw pieces are cut well below them so that even a text made only of `&` (5 characters escaped) fits.
const MAX_ITEMS = 40;
const TITLE = 150;
const SUMMARY = 300;
const FIELD = 200;
const LINE = 400;
const FALLBACK = 2900;
/** Section text budget, under Slack's 3000. */
const SECTION = 2900;

const md = (raw: string, max: number) => escapeMrkdwn(truncate(raw, max));

const WEB_ADDRESS = /https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'’”]/g;

/**
 * Text with its web addresses as explicit links. Text objects stay `verbatim` (Slack must not turn names into
 * mentions), so a bare URL would not become a link by itself: we write `<url|url>` for it.
 */
function mdLinked(raw: string, max: number): string {
  const text = cleanLine(truncate(raw, max));
  const escape = (t: string) => defusePings(t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  let out = '';
  let last = 0;
  for (const m of text.matchAll(WEB_ADDRESS)) {
    out += escape(text.slice(last, m.index)) + mrkdwnLink(m[0], m[0]);
    last = m.index + m[0].length;
  }
  return out + escape(text.slice(last));
}

/** `verbatim` stops Slack from turning bare names and URLs in our text into mentions or links of its own. */
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text, verbatim: true }] });

function fieldsBlock(fields: ReplyField[]): KnownBlock | undefined {
  if (fields.length === 0) return undefined;
  return {
    type: 'section',
    fields: fields.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: `*${md(f.label, 50)}*\n${mdLinked(f.value, FIELD)}`, verbatim: true })),
  };
}

function headline(reply: Reply): string {
  const text = mdLinked(reply.text, LINE);
  const first = reply.kind === 'error' ? `:warning: ${text}` : text;
  return reply.link && !reply.text.includes(reply.link) ? `${first} — ${mrkdwnLink(reply.link, reply.link)}` : first;
}

function itemText(item: ReplyItem): string {
  let line = `*${mrkdwnLink(item.link, truncate(item.title, TITLE))}*`;
  if (item.meta) line += ` — ${mdLinked(item.meta, TITLE)}`;
  if (item.match) line += ` _(matched ${md(item.match, 100)})_`;
  if (item.summary) line += ` — ${mdLinked(item.summary, SUMMARY)}`;
  return line;
}

/**
 * One post, meeting, test day or reminder, each fact once: the linked title and summary, the fields that neither
 * the title link, the summary nor the context line already say, then the context line (when, how soon, where).
 */
function answerBlocks(reply: Reply, item: ReplyItem): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const link = item.link ?? reply.link;
  // A notice (a reminder, an announcement) leads with what it says; an answer with the linked title.
  const notice = reply.kind !== 'answer';
  let main = notice ? headline(reply) : `*${mrkdwnLink(link, truncate(item.title, TITLE))}*`;
  if (item.summary) main += `\n${mdLinked(item.summary, SUMMARY)}`;
  blocks.push(section(main));
  const said = [item.meta ?? '', item.summary ?? '', item.title, ...(notice ? [reply.text] : [])];
  const fields = [...(reply.fields ?? []), ...(item.fields ?? [])].filter((f) => f.value !== link && !said.some((t) => t.includes(f.value)));
  const fieldBlock = fieldsBlock(fields);
  if (fieldBlock) blocks.push(fieldBlock);
  if (item.meta && !(notice && reply.text.includes(item.meta))) blocks.push(context(mdLinked(item.meta, LINE)));
  return blocks;
}

/** Items as bulleted lines, packed into as few sections as the per-section limit allows. */
function itemSections(items: ReplyItem[]): KnownBlock[] {
  const sections: KnownBlock[] = [];
  let current: string[] = [];
  let size = 0;
  for (const item of items) {
    // Only text made almost wholly of `&` grows past a section; then the summary goes.
    const full = `• ${itemText(item)}`;
    const line = full.length <= SECTION ? full : `• ${itemText({ ...item, summary: undefined })}`;
    if (current.length > 0 && size + line.length + 1 > SECTION) {
      sections.push(section(current.join('\n')));
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length > 0) sections.push(section(current.join('\n')));
  return sections;
}

function listBlocks(reply: Reply): KnownBlock[] {
  const blocks: KnownBlock[] = [section(headline(reply))];
  const fieldBlock = fieldsBlock(reply.fields ?? []);
  if (fieldBlock) blocks.push(fieldBlock);
  const items = reply.items ?? [];
  blocks.push(...itemSections(items.slice(0, MAX_ITEMS)));
  if (reply.note) blocks.push(context(mdLinked(reply.note, LINE)));
  const more = (reply.more?.count ?? 0) + Math.max(0, items.length - MAX_ITEMS);
  if (more > 0) {
    blocks.push(context(moreText({ ...reply.more, count: more }, { link: (url) => mrkdwnLink(url, url), text: escapeMrkdwn })));
  }
  return blocks;
}

/** The plain lines (as the shell prints them), escaped, whole lines only, within the fallback's budget. */
function fallbackText(reply: Reply): string {
  const lines: string[] = [];
  let size = 0;
  for (const raw of renderLines(reply)) {
    const line = md(raw, LINE);
    if (size + line.length + 1 > FALLBACK) break;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/**
 * A Reply as a Slack message. Every piece of user- or post-provided text is escaped, so nothing in
 * it can mention anyone, ping a channel or open a link the bot did not mean.
 */
export function renderSlack(reply: Reply): SlackMessage {
  const text = fallbackText(reply);
  const [first, ...others] = reply.items ?? [];
  const blocks = isSingle(reply) && first && others.length === 0 ? answerBlocks(reply, first) : listBlocks(reply);
  return { text, blocks: reply.times?.length ? localTimes(blocks, reply.times) : blocks };
}

/**
 * Times as Slack's date token, which every reader's client shows in their own zone (the text as the core wrote it,
 * in the asker's zone, stays as the fallback). Only in mrkdwn objects: the notification `text` stays plain.
 */
function localTimes(blocks: KnownBlock[], times: ShownTime[]): KnownBlock[] {
  const escaped = new Map(times.map((t) => [escapeMrkdwn(t.text), Math.floor(t.at / 1000)]));
  const pattern = new RegExp([...escaped.keys()].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const token = (shown: string) => `<!date^${escaped.get(shown)}^{date_short_pretty} {time}|${shown}>`;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const o = node as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') return { ...o, text: o.text.replace(pattern, token) };
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, visit(v)]));
  };
  return visit(blocks) as KnownBlock[];
}

/** The action id of the "Post in channel" button under a slash command's private answer. */
export const SHARE_ACTION = 'rdobot_share';

/**
 * A button that posts the same question's answer to the channel. It carries the command line (Slack
 * allows 2000 characters in a button value), not the answer: a click asks again as the clicking user.
 */
export function shareBlock(line: string): KnownBlock | undefined {
  if (line.length === 0 || line.length > 2000) return undefined;
  return {
    type: 'actions',
    elements: [{ type: 'button', action_id: SHARE_ACTION, text: { type: 'plain_text', text: 'Post in channel' }, value: line }],
  };
}
