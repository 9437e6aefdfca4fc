import type { DateTime } from 'luxon';
import { entryLabel } from '../schedule/entry-kind.js';
import type { Post } from '../archive/post.js';
import type { SearchHit } from '../archive/search.js';
import { relative, spanText, utcDayText, whenText } from '../present/time.js';
import type { TestDay } from '../schedule/types.js';
import { html, link, linkify, type Html, type Part } from './html.js';
import { isRunning, WINDOW_DAYS, type MeetingSlot, type WhatsOn } from './whats-on.js';

/** What every page needs besides its content. */
export interface PageFrame {
  version: string;
  /** Asset URLs (relative, with a content hash so browsers may cache them). */
  assets: { script: string; style: string; icon: string };
  /** `webcal://…/calendar.ics`, when the page knows its public address. */
  webcal?: string;
  now: DateTime;
}

interface Formatted {
  iso: string;
  utc: string;
  day: string;
}

/**
 * Date formatting is most of a page's work, and the same instants (this hour's occurrences, the posts) come back on
 * every load: each is formatted once, for as long as it lives.
 */
const formatted = new WeakMap<DateTime, Formatted>();

function format(at: DateTime): Formatted {
  let f = formatted.get(at);
  if (!f) {
    const utc = at.toUTC();
    f = { iso: utc.toISO({ suppressMilliseconds: true })!, utc: whenText(at, 'UTC'), day: utcDayText(utc) };
    formatted.set(at, f);
  }
  return f;
}

const iso = (at: DateTime) => format(at).iso;

/** An instant, in UTC as text; the page's script shows it in the reader's zone and keeps the UTC beside it. */
const when = (at: DateTime): Html => html`<time class="t" datetime="${iso(at)}">${format(at).utc}</time>`;

/** "in 3 h 20 min", "on now, ends in 40 min": the script keeps it current. */
function countdown(start: DateTime, end: DateTime, now: DateTime): Html {
  const text = now < start ? relative(start, now) : now < end ? `on now, ends in ${spanText(end.toMillis() - now.toMillis())}` : `ended ${relative(end, now)}`;
  return html`<span class="rel" data-start="${iso(start)}" data-end="${iso(end)}">${text}</span>`;
}

/** A definition list of the facts that are there. */
function facts(rows: [string, Part][]): Html {
  const shown = rows.filter(([, v]) => v !== undefined && v !== '' && v !== null);
  return shown.length ? html`<dl class="facts">${shown.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>` : html``;
}

const calendarLink = (href: string, name: string) =>
  html`<p class="actions"><a href="${href}" download>Add to calendar<span class="vh">: ${name}</span></a></p>`;

/** One occurrence; `describe`: with the meeting's description, which the page gives once, on its first occurrence. */
function meetingItem({ occurrence: o, skipped }: MeetingSlot, now: DateTime, describe = true): Html {
  const m = o.meeting;
  if (skipped) {
    return html`<li class="event skipped">
<h3>${m.name}</h3>
<p class="when">${when(o.start)} · <strong>No meeting</strong>${skipped.reason ? `: ${skipped.reason}` : ''}</p></li>
`;
  }
  const running = isRunning(o.start, o.end, now);
  return html`<li class="event${running ? ' running' : ''}">
<h3>${m.name}</h3>
<p class="when">${when(o.start)} · ${countdown(o.start, o.end, now)} · ${o.schedule.durationMinutes} min</p>
${facts([
  ['Where', linkify(o.location)],
  ['Chair', m.chair],
  ['Agenda', m.agendaUrl ? link(m.agendaUrl, m.agendaUrl) : undefined],
])}${describe && m.description ? html`<p class="desc">${m.description}</p>` : ''}
${calendarLink(`calendar/meeting/${encodeURIComponent(m.id)}.ics`, m.name)}</li>
`;
}

function testDayItem(t: TestDay, now: DateTime): Html {
  const label = entryLabel(t).replace(/^./, (c) => c.toUpperCase());
  return html`<li class="event${isRunning(t.start, t.end, now) ? ' running' : ''}">
<h3>${link(t.link, t.title)} <span class="kind">${label}</span></h3>
<p class="when">${when(t.start)} to ${when(t.end)} · ${countdown(t.start, t.end, now)}</p>
${facts([['Where', t.location ? linkify(t.location) : undefined]])}${t.description ? html`<p class="desc">${linkify(t.description)}</p>` : ''}
${calendarLink(`calendar/testday/${encodeURIComponent(t.id)}.ics`, t.title)}</li>
`;
}

function postItem(p: Post, why?: string): Html {
  return html`<li class="post">
<h3>${link(p.url, p.title)}</h3>
<p class="meta">${p.person ? html`<span class="people">${p.person}</span> · ` : ''}<time datetime="${iso(p.date)}">${format(p.date).day}</time> · by ${p.author}</p>
${why ? html`<p class="why">Matches: ${why}</p>` : ''}${p.summary ? html`<p>${p.summary}</p>` : ''}</li>
`;
}

const list = (items: Html[], empty: string, cls = 'items') => (items.length ? html`<ol class="${cls}">${items}</ol>` : html`<p class="empty">${empty}</p>`);

function searchForm(query = ''): Html {
  return html`<form class="search" role="search" action="search" method="get">
<label for="q">Search the blog archive</label>
<span class="row"><input id="q" name="q" type="search" value="${query}" maxlength="500" autocomplete="off"><button type="submit">Search</button></span>
</form>`;
}

function frame(title: string, f: PageFrame, main: Html, query?: string): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<link rel="icon" href="${f.assets.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${f.assets.style}">
<link rel="alternate" type="text/calendar" title="RDO community calendar" href="calendar.ics">
<script src="${f.assets.script}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<p class="site"><a href="./">rdobot</a> · RDO community</p>
<p class="zone" id="zone">Times are in UTC.</p>
${searchForm(query)}
</header>
${main}
<footer>
<p>Served by rdobot ${f.version} · data as of ${when(f.now)} · <a href="calendar.ics">calendar feed</a> · <a href="meetings/">meeting minutes</a>${f.webcal ? html` (<a href="${f.webcal}">subscribe</a>)` : ''} · JSON: <a href="api/meetings">meetings</a>, <a href="api/testdays">test days</a>, <a href="api/interviews">interviews</a>, <a href="api/posts">posts</a>, <a href="api/minutes">minutes</a></p>
</footer>
</body>
</html>
`;
}

/** The community page: what is on now, the next two weeks, the newest interviews and posts. */
export function homePage(view: WhatsOn, f: PageFrame): string {
  const now = view.now;
  const held = view.meetings.filter((s) => !s.skipped);
  const runningMeetings = held.filter((s) => isRunning(s.occurrence.start, s.occurrence.end, now));
  const runningDays = view.testDays.filter((t) => isRunning(t.start, t.end, now));
  const laterMeetings = view.meetings.filter((s) => !runningMeetings.includes(s));
  const laterDays = view.testDays.filter((t) => !runningDays.includes(t));
  // A meeting's description is said on its first occurrence only: a weekly meeting would repeat it on each card.
  const described = new Set<string>();
  const meetingCard = (s: MeetingSlot) => {
    const first = !described.has(s.occurrence.meeting.id);
    if (!s.skipped) described.add(s.occurrence.meeting.id);
    return meetingItem(s, now, first);
  };
  const onNow = [...runningMeetings.map(meetingCard), ...runningDays.map((t) => testDayItem(t, now))];
  const main = html`<main id="main">
<h1>What's on in the RDO community</h1>
<nav aria-label="On this page"><ul>
<li><a href="#now">On now</a></li><li><a href="#meetings">Meetings</a></li><li><a href="#testdays">Test days</a></li><li><a href="#interviews">Interviews</a></li><li><a href="#posts">Posts</a></li>
</ul></nav>
<section id="now" aria-labelledby="h-now">
<h2 id="h-now">On now</h2>
${list(onNow, 'Nothing is on right now.', 'events')}
</section>
<section id="meetings" aria-labelledby="h-meetings">
<h2 id="h-meetings">Meetings in the next ${WINDOW_DAYS} days</h2>
<p class="subscribe">${f.webcal ? html`<a href="${f.webcal}">Subscribe to every meeting and test day</a> or ` : ''}<a href="calendar.ics" download>download the calendar (.ics)</a>.</p>
${list(laterMeetings.map(meetingCard), `No meeting is scheduled in the next ${WINDOW_DAYS} days.`, 'events')}
</section>
<section id="testdays" aria-labelledby="h-testdays">
<h2 id="h-testdays">Test days</h2>
${
  laterDays.length || !view.nextTestDay
    ? list(laterDays.map((t) => testDayItem(t, now)), runningDays.length ? `No other test day in the next ${WINDOW_DAYS} days.` : 'No test day is scheduled.', 'events')
    : html`<p>None in the next ${WINDOW_DAYS} days; the next one:</p>${list([testDayItem(view.nextTestDay, now)], '', 'events')}`
}
</section>
<section id="interviews" aria-labelledby="h-interviews">
<h2 id="h-interviews">Latest interviews</h2>
${list(view.interviews.map((p) => postItem(p)), 'No interview in the archive yet.')}
</section>
<section id="posts" aria-labelledby="h-posts">
<h2 id="h-posts">Latest posts</h2>
${list(view.posts.map((p) => postItem(p)), 'No post in the archive yet.')}
</section>
</main>`;
  return frame("What's on in the RDO community", f, main).text;
}

export interface SearchOutcome {
  query: string;
  total: number;
  hits: SearchHit[];
  /** A problem with the query (empty, too long), shown instead of results. */
  problem?: string;
}

/** The results of the search box, complete without JavaScript. */
export function searchPage(s: SearchOutcome, f: PageFrame): string {
  const heading = s.problem ? 'Search the archive' : `Posts matching “${s.query}”`;
  const body = s.problem
    ? html`<p class="empty">${s.problem}</p>`
    : html`<p>${s.total === 0 ? 'No post matches.' : `${s.total} post${s.total === 1 ? '' : 's'} match, best first${s.hits.length < s.total ? ` (showing ${s.hits.length})` : ''}.`}</p>
${list(s.hits.map((h) => postItem(h.post, h.why)), '')}`;
  const main = html`<main id="main">
<h1>${heading}</h1>
${body}
<p><a href="./">Back to what's on</a></p>
</main>`;
  return frame(s.problem ? 'Search: RDO community' : `Search: ${s.query}: RDO community`, f, main, s.query).text;
}
