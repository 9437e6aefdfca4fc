import { escapeUTF8 } from 'entities';
import { cleanLine, cleanText, webHref } from '../core/sanitize.js';
import { MINUTES_PAGE_FOOT, minutesPageHead } from './page-shell.js';
import { lineAnchor, ownersText, type Minutes, type MinutesItem } from './minutes.js';
import { sectionsOf, type SectionEntry, type SpecialSection } from './sections.js';
import { hhmm, hhmmss, type MinutesWriter, type WriterLinks } from './writer.js';

/**
 * The minutes and the log as HTML pages. Every piece of text from the meeting is cleaned of controls (bidi,
 * zero-width, C0/C1) as the text minutes are, then escaped; every address in a page is relative (the style sheet,
 * the log, the index), so the pages work under a path prefix (`/rdobot/meetings/…`) and saved to disk. No script, no
 * inline style: the site's CSP holds for them too.
 */
const h = (s: string) => escapeUTF8(cleanLine(s));
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Text with its web addresses made links, everything else escaped. */
function linkify(text: string, clean: (s: string) => string = cleanLine): string {
  const s = clean(text);
  let out = '';
  let last = 0;
  for (const m of s.matchAll(URL_IN_TEXT)) {
    const href = webHref(m[0]);
    out += escapeUTF8(s.slice(last, m.index)) + (href ? `<a href="${escapeUTF8(href)}">${escapeUTF8(m[0])}</a>` : escapeUTF8(m[0]));
    last = m.index + m[0].length;
  }
  return out + escapeUTF8(s.slice(last));
}

function head(title: string, links: WriterLinks, out: (s: string) => void): void {
  out(minutesPageHead(cleanLine(title), links.stylesheet, `<nav><a href="${escapeUTF8(links.all)}">All meetings</a> · <a href="${escapeUTF8(links.room)}">Meetings in this room</a></nav>\n`));
}

const time = (t: { at: Minutes['started'] }, text: string) => `<time datetime="${escapeUTF8(t.at.toISO() ?? '')}">${text}</time>`;
const itemTime = (item: Pick<MinutesItem, 'at' | 'line'>, links: WriterLinks) =>
  item.line === null ? time(item, hhmmss(item)) : `<a href="${escapeUTF8(links.file['log.html'])}#${lineAnchor(item.line)}">${time(item, hhmmss(item))}</a>`;

type Out = (s: string) => void;

/** A section's opening: its anchor is its id. Headings are the bot's words or a plugin's, escaped all the same. */
const open = (id: string, title: string) => `<section aria-labelledby="${escapeUTF8(id)}"><h2 id="${escapeUTF8(id)}">${h(title)}</h2>`;

/** The sections whose shape is their own. */
const SPECIAL: Record<SpecialSection, (m: Minutes, s: { id: string; title: string }, links: WriterLinks, out: Out) => void> = {
  carried: (m, s, _links, out) => {
    if (!m.carried.length) return;
    out(`${open(s.id, s.title)}<ol>`);
    for (const c of m.carried) out(`<li value="${c.n}">${h(ownersText(c.owners))}: ${linkify(c.text)} <em>(${c.state === 'done' ? 'done' : c.state === 'again' ? 'carried as a new action' : 'still open'})</em></li>`);
    out('</ol></section>\n');
  },
  summary: (m, s, links, out) => {
    out(`${open(s.id, s.title)}<ol>`);
    for (const t of m.topics) {
      out(`<li><strong>${t.title === null ? '(before the first topic)' : h(t.title)}</strong> ${t.line === null ? time(t, hhmm(t)) : itemTime(t, links)}<ul>`);
      for (const i of t.items) out(`<li>${h(i.label)}: ${i.kind === 'action' ? `${h(ownersText(i.owners))}: ` : ''}${linkify(i.text)} <span>(${h(i.nick)}, ${itemTime(i, links)})</span></li>`);
      out('</ul></li>');
    }
    out('</ol></section>\n');
  },
  actions: (m, s, _links, out) => {
    out(open(s.id, s.title));
    out(m.byPerson.length ? `<ul>${m.byPerson.map((p) => `<li>${p.person ? h(p.person) : 'Unassigned'}<ul>${p.actions.map((a) => `<li>${linkify(a)}</li>`).join('')}</ul></li>`).join('')}</ul>` : '<p>None.</p>');
    out('</section>\n');
  },
};

const entry = (e: SectionEntry, links: WriterLinks) =>
  `<li>${e.label ? `${h(e.label)}: ` : ''}${e.name ? h(e.text) : linkify(e.text)}${e.count === undefined ? '' : ` (${e.count})`}${e.said ? ` <span>(${h(e.said.nick)}, ${itemTime(e.said, links)})</span>` : ''}</li>`;

function minutes(m: Minutes, links: WriterLinks, out: Out): void {
  const heading = `${m.channel}: ${m.name}`;
  head(heading, links, out);
  const f = links.file;
  out(`<h1>${h(heading)}</h1>
<p>Meeting started by ${h(m.meeting.starter)} at ${time({ at: m.started }, `${m.started.toFormat('yyyy-MM-dd HH:mm:ss')} UTC`)}, ended ${time({ at: m.ended }, `${m.ended.toFormat('HH:mm:ss')} UTC`)}. Chairs: ${h(m.chairs.join(', '))}.</p>
<p>Full log: <a href="${escapeUTF8(f['log.html'])}">HTML</a>, <a href="${escapeUTF8(f['log.txt'])}">text</a>, <a href="${escapeUTF8(f['log.md'])}">Markdown</a>. These minutes as <a href="${escapeUTF8(f.txt)}">text</a>, <a href="${escapeUTF8(f.md)}">Markdown</a>.</p>
`);
  if (m.note) out(`<p><strong>Note:</strong> ${h(m.note)}</p>\n`);
  for (const s of sectionsOf(m)) {
    if ('special' in s) {
      SPECIAL[s.special](m, s, links, out);
      continue;
    }
    const entries = s.entries(m);
    if (entries.length === 0 && s.empty === 'omit') continue;
    out(`${open(s.id, s.title)}${entries.length ? `<ul>${entries.map((e) => entry(e, links)).join('')}</ul>` : '<p>None.</p>'}</section>\n`);
  }
  out(MINUTES_PAGE_FOOT);
}

/** The log: one list entry per line, each with its anchor (`#l12`), which the minutes' items link to. */
function log(m: Minutes, links: WriterLinks, out: (s: string) => void): void {
  const heading = `${m.channel}: ${m.name} — log`;
  head(heading, links, out);
  out(`<h1>${h(heading)}</h1>\n<p><a href="${escapeUTF8(links.file.html)}">Minutes</a></p>\n<ol class="log">\n`);
  for (const l of m.log()) {
    const id = lineAnchor(l.seq);
    out(`<li id="${id}"><a href="#${id}">${time(l, hhmmss(l))}</a> ${l.emote ? `<em>* ${h(l.nick)} ${linkify(l.text, cleanText)}</em>` : `<strong>&lt;${h(l.nick)}&gt;</strong> ${linkify(l.text, cleanText)}`}</li>\n`);
  }
  out(`</ol>\n${MINUTES_PAGE_FOOT}`);
}

export const htmlMinutes: MinutesWriter = { format: 'html', label: 'minutes (HTML)', announce: { label: 'Minutes', in: 'text' }, type: 'text/html; charset=utf-8', write: minutes };
export const htmlLog: MinutesWriter = { format: 'log.html', label: 'log (HTML)', announce: { label: 'Log', in: 'text' }, type: 'text/html; charset=utf-8', write: log };
