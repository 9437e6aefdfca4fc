import { cleanLine, cleanText } from '../core/sanitize.js';
import { KIND_LABEL, ownersText, type Minutes } from './minutes.js';
import { hhmmss, type MinutesWriter, type WriterLinks } from './writer.js';

/** Plain text: user text with control characters (CR, LF, IRC colours, bidi, zero-width) taken out, so each entry stays one line. */
const t = (s: string) => cleanLine(s);

function minutes(m: Minutes, links: WriterLinks, out: (s: string) => void): void {
  const line = (s = '') => out(`${s}\n`);
  const title = `${t(m.channel)}: ${t(m.name)}`;
  line(title), line('='.repeat(Math.min(title.length, 72))), line();
  line(`Meeting started by ${t(m.meeting.starter)} at ${m.started.toFormat('yyyy-MM-dd HH:mm:ss')} UTC; ended ${m.ended.toFormat('HH:mm:ss')} UTC.`);
  line(`Chairs: ${m.chairs.map(t).join(', ')}.`);
  line(`Full log: ${links.url['log.txt']} (HTML: ${links.url['log.html']})`);
  if (m.note) line(), line(`Note: ${t(m.note)}`);
  if (m.carried.length) {
    line(), line('Open from last time'), line('-------------------');
    for (const c of m.carried) line(`  ${c.n}. ${t(ownersText(c.owners))}: ${t(c.text)}${c.state === 'done' ? ' (DONE)' : c.state === 'again' ? ' (carried as a new action)' : ' (still open)'}`);
  }
  line(), line('Meeting summary'), line('---------------');
  for (const [i, topic] of m.topics.entries()) {
    line(`${i + 1}. ${topic.title === null ? '(before the first topic)' : t(topic.title)} (${hhmmss(topic)})`);
    for (const item of topic.items) line(`   * ${KIND_LABEL[item.kind]}: ${item.kind === 'action' ? `${t(ownersText(item.owners))}: ` : ''}${t(item.text)} (${t(item.nick)}, ${hhmmss(item)})`);
  }
  line(), line('Agreed'), line('------');
  if (m.agreed.length === 0) line('  (none)');
  for (const a of m.agreed) line(`  * ${KIND_LABEL[a.kind]}: ${t(a.text)}`);
  line(), line('Action items, by person'), line('-----------------------');
  if (m.byPerson.length === 0) line('  (none)');
  for (const p of m.byPerson) {
    line(`* ${p.person ? t(p.person) : 'UNASSIGNED'}`);
    for (const a of p.actions) line(`  ** ${t(a)}`);
  }
  line(), line('People present (lines said)'), line('---------------------------');
  for (const p of m.people) line(`* ${t(p.nick)} (${p.lines})`);
}

/** The log as said: each line one line of text, its spacing kept, controls taken out. */
function log(m: Minutes, _links: WriterLinks, out: (s: string) => void): void {
  for (const l of m.log()) out(`${hhmmss(l)} ${l.emote ? `* ${t(l.nick)}` : `<${t(l.nick)}>`} ${cleanText(l.text)}\n`); // a `/me` line as IRC clients show it
}

export const textMinutes: MinutesWriter = { format: 'txt', label: 'minutes (text)', announce: { label: 'text', in: 'field' }, type: 'text/plain; charset=utf-8', write: minutes };
export const textLog: MinutesWriter = { format: 'log.txt', label: 'log (text)', type: 'text/plain; charset=utf-8', write: log };
