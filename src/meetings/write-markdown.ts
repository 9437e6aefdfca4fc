import { cleanLine, cleanText } from '../core/sanitize.js';
import { lineAnchor, ownersText, type Minutes, type MinutesItem } from './minutes.js';
import { sectionsOf, type SectionEntry, type SpecialSection } from './sections.js';
import { hhmmss, type MinutesWriter, type WriterLinks } from './writer.js';

/** A web address in text, as the HTML writer finds them. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`\\]+[^\s<>"'`\\.,;:!?)\]]/g;

/** Markdown text: every character Markdown (or the HTML inside it) could read is escaped. */
const escape = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>&~"':@]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));

/**
 * User text as Markdown: web addresses become CommonMark autolinks `<https://…>`, whose content is taken literally
 * (no backslash escapes, no entities), so the link is the exact address; the rest is escaped text.
 */
export function md(text: string, clean: (s: string) => string = cleanLine): string {
  const s = clean(text);
  let out = '';
  let last = 0;
  for (const m of s.matchAll(URL_IN_TEXT)) {
    out += `${escape(s.slice(last, m.index))}<${m[0]}>`;
    last = m.index + m[0].length;
  }
  return out + escape(s.slice(last));
}

/** A link of ours (to the log, to a line): the address between angle brackets, which it never contains. */
const link = (label: string, url: string) => `[${label}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
const itemTime = (item: Pick<MinutesItem, 'at' | 'line'>, links: WriterLinks) => (item.line === null ? hhmmss(item) : link(hhmmss(item), `${links.file['log.html']}#${lineAnchor(item.line)}`));

type Line = (s?: string) => void;

/** A heading: the bot's words or a plugin's, not text from the meeting (only cleaned of controls). */
const heading = (title: string, line: Line) => (line(), line(`## ${cleanLine(title)}`), line());

/** The sections whose shape is their own. */
const SPECIAL: Record<SpecialSection, (m: Minutes, title: string, links: WriterLinks, line: Line) => void> = {
  carried: (m, title, _links, line) => {
    if (!m.carried.length) return;
    heading(title, line);
    for (const c of m.carried) line(`${c.n}. ${md(ownersText(c.owners))}: ${md(c.text)}${c.state === 'done' ? ' — **done**' : c.state === 'again' ? ' — carried as a new action' : ' — still open'}`);
  },
  summary: (m, title, links, line) => {
    heading(title, line);
    for (const [i, topic] of m.topics.entries()) {
      line(`${i + 1}. **${topic.title === null ? '(before the first topic)' : md(topic.title)}** (${itemTime(topic, links)})`);
      for (const item of topic.items) line(`    * ${md(item.label)}: ${item.kind === 'action' ? `${md(ownersText(item.owners))}: ` : ''}${md(item.text)} (${md(item.nick)}, ${itemTime(item, links)})`);
    }
  },
  actions: (m, title, _links, line) => {
    heading(title, line);
    if (m.byPerson.length === 0) line('(none)');
    for (const p of m.byPerson) {
      line(`* ${p.person ? md(p.person) : 'UNASSIGNED'}`);
      for (const a of p.actions) line(`    * ${md(a)}`);
    }
  },
};

const entry = (e: SectionEntry, links: WriterLinks) =>
  `* ${e.label ? `${md(e.label)}: ` : ''}${md(e.text)}${e.count === undefined ? '' : ` (${e.count})`}${e.said ? ` (${md(e.said.nick)}, ${itemTime(e.said, links)})` : ''}`;

function minutes(m: Minutes, links: WriterLinks, out: (s: string) => void): void {
  const line: Line = (s = '') => out(`${s}\n`);
  line(`# ${md(m.channel)}: ${md(m.name)}`), line();
  line(`Meeting started by ${md(m.meeting.starter)} at ${m.started.toFormat('yyyy-MM-dd HH:mm:ss')} UTC; ended ${m.ended.toFormat('HH:mm:ss')} UTC. Chairs: ${m.chairs.map((c) => md(c)).join(', ')}.`);
  line(), line(`Full log: ${link('HTML', links.url['log.html'])}, ${link('text', links.url['log.txt'])}, ${link('Markdown', links.url['log.md'])}. ${link('All meetings in this room', links.room)}.`);
  if (m.note) line(), line(`**Note:** ${md(m.note)}`);
  for (const s of sectionsOf(m)) {
    if ('special' in s) {
      SPECIAL[s.special](m, s.title, links, line);
      continue;
    }
    const entries = s.entries(m);
    if (entries.length === 0 && s.empty === 'omit') continue;
    heading(s.title, line);
    if (entries.length === 0) line('(none)');
    for (const e of entries) line(entry(e, links));
  }
}

/** The log: one list entry per line, each with the anchor the HTML log has (raw HTML is CommonMark too). */
function log(m: Minutes, links: WriterLinks, out: (s: string) => void): void {
  out(`# ${md(m.channel)}: ${md(m.name)} — log\n\n${link('Minutes', links.file.md)}\n\n`);
  for (const l of m.log()) out(`* <a id="${lineAnchor(l.seq)}"></a>\`${hhmmss(l)}\` ${l.emote ? `\\* *${md(l.nick)} ${md(l.text, cleanText)}*` : `**${md(l.nick)}**: ${md(l.text, cleanText)}`}\n`);
}

export const markdownMinutes: MinutesWriter = { format: 'md', label: 'minutes (Markdown)', announce: { label: 'Markdown', in: 'field' }, type: 'text/markdown; charset=utf-8', write: minutes };
export const markdownLog: MinutesWriter = { format: 'log.md', label: 'log (Markdown)', type: 'text/markdown; charset=utf-8', write: log };
