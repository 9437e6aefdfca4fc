import { cleanLine } from '../core/sanitize.js';
import { KIND_LABEL, ownersText, type Minutes } from './minutes.js';

/** Plain text: user text with control characters (CR, LF, IRC colours) taken out, so each entry stays one line. */
const t = (s: string) => cleanLine(s);
const hhmm = (m: { at: { toFormat(f: string): string } }) => m.at.toFormat('HH:mm');

export function minutesText(m: Minutes, logName: string): string {
  const out: string[] = [];
  const title = `${t(m.channel)}: ${t(m.name)}`;
  out.push(title, '='.repeat(Math.min(title.length, 72)), '');
  out.push(`Meeting started by ${t(m.meeting.starter)} at ${m.started.toFormat('yyyy-MM-dd HH:mm')} UTC; ended ${m.ended.toFormat('HH:mm')} UTC.`);
  out.push(`Chairs: ${m.chairs.map(t).join(', ')}. Full log: ${logName}`);
  if (m.note) out.push('', `Note: ${t(m.note)}`);
  if (m.carried.length) {
    out.push('', 'Open from last time', '-------------------');
    for (const c of m.carried) out.push(`  ${c.n}. ${t(ownersText(c.owners))}: ${t(c.text)}${c.state === 'done' ? ' (DONE)' : c.state === 'again' ? ' (carried as a new action)' : ' (still open)'}`);
  }
  out.push('', 'Meeting summary', '---------------');
  for (const [i, topic] of m.topics.entries()) {
    out.push(`${i + 1}. ${topic.title === null ? '(before the first topic)' : t(topic.title)} (${hhmm(topic)})`);
    for (const item of topic.items) out.push(`   * ${KIND_LABEL[item.kind]}: ${item.kind === 'action' ? `${t(ownersText(item.owners))}: ` : ''}${t(item.text)} (${t(item.nick)}, ${hhmm(item)})`);
  }
  out.push('', 'Agreed', '------');
  if (m.agreed.length === 0) out.push('  (none)');
  for (const a of m.agreed) out.push(`  * ${KIND_LABEL[a.kind]}: ${t(a.text)}`);
  out.push('', 'Action items, by person', '-----------------------');
  if (m.byPerson.length === 0) out.push('  (none)');
  for (const p of m.byPerson) {
    out.push(`* ${p.person ? t(p.person) : 'UNASSIGNED'}`);
    for (const a of p.actions) out.push(`  ** ${t(a)}`);
  }
  out.push('', 'People present (lines said)', '---------------------------');
  for (const p of m.people) out.push(`* ${t(p.nick)} (${p.lines})`);
  out.push('');
  return out.join('\n');
}

export function logText(m: Minutes): string {
  // A `/me` line is written as IRC clients show it: `* nick text`.
  return `${m.log.map((l) => `${l.at.toFormat('HH:mm:ss')} ${l.emote ? `* ${t(l.nick)}` : `<${t(l.nick)}>`} ${t(l.text)}`).join('\n')}\n`;
}
