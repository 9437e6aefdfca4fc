import { cleanLine } from '../core/sanitize.js';
import { KIND_LABEL, ownersText, type Minutes } from './minutes.js';

/** Markdown: user text is text, so every character Markdown (or the HTML inside it) could read is escaped. */
export const md = (s: string) => cleanLine(s).replace(/[\\`*_{}[\]()#+\-.!|<>&~"']/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
const hhmm = (m: { at: { toFormat(f: string): string } }) => m.at.toFormat('HH:mm');

export function minutesMarkdown(m: Minutes, logName: string): string {
  const out: string[] = [];
  out.push(`# ${md(m.channel)}: ${md(m.name)}`, '');
  out.push(`Meeting started by ${md(m.meeting.starter)} at ${m.started.toFormat('yyyy-MM-dd HH:mm')} UTC; ended ${m.ended.toFormat('HH:mm')} UTC. Chairs: ${m.chairs.map(md).join(', ')}. [Full log](${encodeURI(logName)})`);
  if (m.note) out.push('', `**Note:** ${md(m.note)}`);
  if (m.carried.length) {
    out.push('', '## Open from last time', '');
    for (const c of m.carried) out.push(`${c.n}. ${md(ownersText(c.owners))}: ${md(c.text)}${c.state === 'done' ? ' — **done**' : c.state === 'again' ? ' — carried as a new action' : ' — still open'}`);
  }
  out.push('', '## Meeting summary', '');
  for (const [i, topic] of m.topics.entries()) {
    out.push(`${i + 1}. **${topic.title === null ? '(before the first topic)' : md(topic.title)}** (${hhmm(topic)})`);
    for (const item of topic.items) out.push(`    * ${KIND_LABEL[item.kind]}: ${item.kind === 'action' ? `${md(ownersText(item.owners))}: ` : ''}${md(item.text)} (${md(item.nick)}, ${hhmm(item)})`);
  }
  out.push('', '## Agreed', '');
  if (m.agreed.length === 0) out.push('(none)');
  for (const a of m.agreed) out.push(`* ${KIND_LABEL[a.kind]}: ${md(a.text)}`);
  out.push('', '## Action items, by person', '');
  if (m.byPerson.length === 0) out.push('(none)');
  for (const p of m.byPerson) {
    out.push(`* ${p.person ? md(p.person) : 'UNASSIGNED'}`);
    for (const a of p.actions) out.push(`    * ${md(a)}`);
  }
  out.push('', '## People present (lines said)', '');
  for (const p of m.people) out.push(`* ${md(p.nick)} (${p.lines})`);
  out.push('');
  return out.join('\n');
}

export function logMarkdown(m: Minutes): string {
  return `# ${md(m.channel)}: ${md(m.name)} — log\n\n${m.log.map((l) => `* \`${l.at.toFormat('HH:mm:ss')}\` ${l.emote ? `\\* *${md(l.nick)} ${md(l.text)}*` : `**${md(l.nick)}**: ${md(l.text)}`}`).join('\n')}\n`;
}
