import { cleanLine, cleanText } from '../core/sanitize.js';
import { ownersText, type Minutes } from './minutes.js';
import { sectionsOf, type SectionEntry, type SpecialSection } from './sections.js';
import { hhmmss, type MinutesWriter, type WriterLinks } from './writer.js';

/** Plain text: user text with control characters (CR, LF, IRC colours, bidi, zero-width) taken out, so each entry stays one line. */
const t = (s: string) => cleanLine(s);

type Line = (s?: string) => void;

function heading(title: string, line: Line): void {
  line(), line(t(title)), line('-'.repeat(t(title).length));
}

/** The sections whose shape is their own. */
const SPECIAL: Record<SpecialSection, (m: Minutes, title: string, line: Line) => void> = {
  carried: (m, title, line) => {
    if (!m.carried.length) return;
    heading(title, line);
    for (const c of m.carried) line(`  ${c.n}. ${t(ownersText(c.owners))}: ${t(c.text)}${c.state === 'done' ? ' (DONE)' : c.state === 'again' ? ' (carried as a new action)' : ' (still open)'}`);
  },
  summary: (m, title, line) => {
    heading(title, line);
    for (const [i, topic] of m.topics.entries()) {
      line(`${i + 1}. ${topic.title === null ? '(before the first topic)' : t(topic.title)} (${hhmmss(topic)})`);
      for (const item of topic.items) line(`   * ${t(item.label)}: ${item.kind === 'action' ? `${t(ownersText(item.owners))}: ` : ''}${t(item.text)} (${t(item.nick)}, ${hhmmss(item)})`);
    }
  },
  actions: (m, title, line) => {
    heading(title, line);
    if (m.byPerson.length === 0) line('  (none)');
    for (const p of m.byPerson) {
      line(`* ${p.person ? t(p.person) : 'UNASSIGNED'}`);
      for (const a of p.actions) line(`  ** ${t(a)}`);
    }
  },
};

/** A section's entry: a person's name at the margin, what was said indented under the heading. */
const entry = (e: SectionEntry) =>
  `${e.name ? '* ' : '  * '}${e.label ? `${t(e.label)}: ` : ''}${t(e.text)}${e.count === undefined ? '' : ` (${e.count})`}${e.said ? ` (${t(e.said.nick)}, ${hhmmss(e.said)})` : ''}`;

function minutes(m: Minutes, links: WriterLinks, out: (s: string) => void): void {
  const line: Line = (s = '') => out(`${s}\n`);
  const title = `${t(m.channel)}: ${t(m.name)}`;
  line(title), line('='.repeat(Math.min(title.length, 72))), line();
  line(`Meeting started by ${t(m.meeting.starter)} at ${m.started.toFormat('yyyy-MM-dd HH:mm:ss')} UTC; ended ${m.ended.toFormat('HH:mm:ss')} UTC.`);
  line(`Chairs: ${m.chairs.map(t).join(', ')}.`);
  line(`Full log: ${links.url['log.txt']} (HTML: ${links.url['log.html']})`);
  if (m.note) line(), line(`Note: ${t(m.note)}`);
  for (const s of sectionsOf(m)) {
    if ('special' in s) {
      SPECIAL[s.special](m, s.title, line);
      continue;
    }
    const entries = s.entries(m);
    if (entries.length === 0 && s.empty === 'omit') continue;
    heading(s.title, line);
    if (entries.length === 0) line('  (none)');
    for (const e of entries) line(entry(e));
  }
}

/** The log as said: each line one line of text, its spacing kept, controls taken out. */
function log(m: Minutes, _links: WriterLinks, out: (s: string) => void): void {
  for (const l of m.log()) out(`${hhmmss(l)} ${l.emote ? `* ${t(l.nick)}` : `<${t(l.nick)}>`} ${cleanText(l.text)}\n`); // a `/me` line as IRC clients show it
}

export const textMinutes: MinutesWriter = { format: 'txt', label: 'minutes (text)', announce: { label: 'text', in: 'field' }, type: 'text/plain; charset=utf-8', write: minutes };
export const textLog: MinutesWriter = { format: 'log.txt', label: 'log (text)', type: 'text/plain; charset=utf-8', write: log };
