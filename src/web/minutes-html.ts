import { html, linkify, type Html, type Part } from './html.js';
import { KIND_LABEL, ownersText, type Minutes } from '../meetings/minutes.js';

/**
 * The minutes and the log as HTML pages: every piece of text from the meeting goes through the `html` template, so
 * a nick or topic like `<script>` is shown as typed. No script, no inline style: the site's CSP holds for them too.
 */
export function page(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/assets/page.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.text;
}

const hhmm = (m: { at: { toFormat(f: string): string } }) => m.at.toFormat('HH:mm');

export function minutesHtml(m: Minutes, logHref: string): string {
  const heading = `${m.channel}: ${m.name}`;
  const carried: Part = m.carried.length
    ? html`<section aria-labelledby="carried"><h2 id="carried">Open from last time</h2><ol>${m.carried.map(
        (c) => html`<li value="${c.n}">${ownersText(c.owners)}: ${linkify(c.text)} <em>(${c.state === 'done' ? 'done' : c.state === 'again' ? 'carried as a new action' : 'still open'})</em></li>`,
      )}</ol></section>`
    : null;
  const topics = m.topics.map(
    (t) =>
      html`<li><strong>${t.title ?? '(before the first topic)'}</strong> <time datetime="${t.at.toISO()}">${hhmm(t)}</time><ul>${t.items.map(
        (i) => html`<li>${KIND_LABEL[i.kind]}: ${i.kind === 'action' ? html`${ownersText(i.owners)}: ` : ''}${linkify(i.text)} <span>(${i.nick}, ${hhmm(i)})</span></li>`,
      )}</ul></li>`,
  );
  const body = html`<h1>${heading}</h1>
<p>Meeting started by ${m.meeting.starter} at <time datetime="${m.started.toISO()}">${m.started.toFormat('yyyy-MM-dd HH:mm')} UTC</time>, ended <time datetime="${m.ended.toISO()}">${m.ended.toFormat('HH:mm')} UTC</time>. Chairs: ${m.chairs.join(', ')}. <a href="${logHref}">Full log</a>.</p>
${m.note ? html`<p><strong>Note:</strong> ${m.note}</p>` : ''}
${carried}
<section aria-labelledby="summary"><h2 id="summary">Meeting summary</h2><ol>${topics}</ol></section>
<section aria-labelledby="agreed"><h2 id="agreed">Agreed</h2>${m.agreed.length ? html`<ul>${m.agreed.map((a) => html`<li>${KIND_LABEL[a.kind]}: ${linkify(a.text)}</li>`)}</ul>` : html`<p>None.</p>`}</section>
<section aria-labelledby="actions"><h2 id="actions">Action items, by person</h2>${
    m.byPerson.length
      ? html`<ul>${m.byPerson.map((p) => html`<li>${p.person || 'Unassigned'}<ul>${p.actions.map((a) => html`<li>${linkify(a)}</li>`)}</ul></li>`)}</ul>`
      : html`<p>None.</p>`
  }</section>
<section aria-labelledby="people"><h2 id="people">People present (lines said)</h2><ul>${m.people.map((p) => html`<li>${p.nick} (${p.lines})</li>`)}</ul></section>`;
  return page(heading, body);
}

export function logHtml(m: Minutes, minutesHref: string): string {
  const heading = `${m.channel}: ${m.name} — log`;
  const body = html`<h1>${heading}</h1>
<p><a href="${minutesHref}">Minutes</a></p>
<ol class="log">${m.log.map((l) => html`<li><time datetime="${l.at.toISO()}">${l.at.toFormat('HH:mm:ss')}</time> ${l.emote ? html`<em>* ${l.nick} ${linkify(l.text)}</em>` : html`<strong>&lt;${l.nick}&gt;</strong> ${linkify(l.text)}`}</li>`)}</ol>`;
  return page(heading, body);
}
