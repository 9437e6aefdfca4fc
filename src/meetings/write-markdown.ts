import { cleanLine, cleanText } from '../core/sanitize.js';
import { KIND_LABEL, lineAnchor, ownersText, type Minutes, type MinutesItem } from './minutes.js';
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

function minutes(m: Minutes, links: WriterLinks, out: (s: string) => void): void {
  const line = (s = '') => out(`${s}\n`);
  line(`# ${md(m.channel)}: ${md(m.name)}`), line();
  line(`Meeting started by ${md(m.meeting.starter)} at ${m.started.toFormat('yyyy-MM-dd HH:mm:ss')} UTC; ended ${m.ended.toFormat('HH:mm:ss')} UTC. Chairs: ${m.chairs.map((c) => md(c)).join(', ')}.`);
  line(), line(`Full log: ${link('HTML', links.url['log.html'])}, ${link('text', links.url['log.txt'])}, ${link('Markdown', links.url['log.md'])}. ${link('All meetings in this room', links.room)}.`);
  if (m.note) line(), line(`**Note:** ${md(m.note)}`);
  if (m.carried.length) {
    line(), line('## Open from last time'), line();
    for (const c of m.carried) line(`${c.n}. ${md(ownersText(c.owners))}: ${md(c.text)}${c.state === 'done' ? ' — **done**' : c.state === 'again' ? ' — carried as a new action' : ' — still open'}`);
  }
  line(), line('## Meeting summary'), line();
  for (const [i, topic] of m.topics.entries()) {
    line(`${i + 1}. **${topic.title === null ? '(before the first topic)' : md(topic.title)}** (${itemTime(topic, links)})`);
    for (const item of topic.items) line(`    * ${KIND_LABEL[item.kind]}: ${item.kind === 'action' ? `${md(ownersText(item.owners))}: ` : ''}${md(item.text)} (${md(item.nick)}, ${itemTime(item, links)})`);
  }
  line(), line('## Agreed'), line();
  if (m.agreed.length === 0) line('(none)');
  for (const a of m.agreed) line(`* ${KIND_LABEL[a.kind]}: ${md(a.text)}`);
  line(), line('## Action items, by person'), line();
  if (m.byPerson.length === 0) line('(none)');
  for (const p of m.byPerson) {
    line(`* ${p.person ? md(p.person) : 'UNASSIGNED'}`);
    for (const a of p.actions) line(`    * ${md(a)}`);
  }
  line(), line('## People present (lines said)'), line();
  for (const p of m.people) line(`* ${md(p.nick)} (${p.lines})`);
}

/** The log: one list entry per line, each with the anchor the HTML log has (raw HTML is CommonMark too). */
function log(m: Minutes, links: WriterLinks, out: (s: string) => void): void {
  out(`# ${md(m.channel)}: ${md(m.name)} — log\n\n${link('Minutes', links.file.md)}\n\n`);
  for (const l of m.log()) out(`* <a id="${lineAnchor(l.seq)}"></a>\`${hhmmss(l)}\` ${l.emote ? `\\* *${md(l.nick)} ${md(l.text, cleanText)}*` : `**${md(l.nick)}**: ${md(l.text, cleanText)}`}\n`);
}

export const markdownMinutes: MinutesWriter = { format: 'md', label: 'minutes (Markdown)', announce: { label: 'Markdown', in: 'field' }, type: 'text/markdown; charset=utf-8', write: minutes };
export const markdownLog: MinutesWriter = { format: 'log.md', label: 'log (Markdown)', type: 'text/markdown; charset=utf-8', write: log };
