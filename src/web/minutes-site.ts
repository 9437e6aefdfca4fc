import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { replyJson } from '../present/reply-json.js';
import { utcDayTimeText } from '../present/time.js';
import type { Reply } from '../core/types.js';
import { minutesItem, minutesSearchReply, meetingMatches, type MinutesDeps } from '../../commands/minutes.js';
import { SAFE_FILE, slug, minutesUrl } from '../meetings/layout.js';
import type { MeetingRow } from '../meetings/store.js';
import { html } from './html.js';
import { page } from './minutes-html.js';
import { CSP, type SiteRequest, type SiteResponse } from './site.js';
import { MAX_QUERY } from './api.js';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  'log.html': 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  'log.txt': 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  'log.md': 'text/markdown; charset=utf-8',
};
const HEADERS = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' };
const day = (row: MeetingRow) => utcDayTimeText(DateTime.fromMillis(row.started, { zone: 'utc' }));

/**
 * Minutes over HTTP: /meetings/ (every channel), /meetings/<channel>/ (its meetings), /meetings/<channel>/<name>/
 * (one meeting's occurrences), the files themselves, and /api/minutes (latest, ?meeting=, ?q= search) as JSON.
 */
export class MinutesSite {
  constructor(
    private readonly deps: MinutesDeps,
    /** The directory the files were written to. */
    private readonly dir: string,
  ) {}

  /** The meetings recorded lately, newest first: the community page stops showing one as "on now" once it ended. */
  recent(limit = 20): { room: string; definition: string | null; started: number; ended: number | null }[] {
    return this.deps.store.ended(limit);
  }

  respond(req: SiteRequest): SiteResponse | null {
    const url = new URL(req.url, 'http://site.invalid');
    const path = url.pathname;
    if (path === '/api/minutes') return this.api(url.searchParams);
    if (path === '/meetings' || path === '/meetings/') return this.index();
    if (!path.startsWith('/meetings/')) return null;
    const rest = path.slice('/meetings/'.length);
    const file = SAFE_FILE.exec(rest);
    if (file) return this.file(rest, file[4]);
    const channel = /^([a-z0-9][a-z0-9_-]*)\/$/.exec(rest);
    if (channel) return this.channel(channel[1]);
    const series = /^([a-z0-9][a-z0-9_-]*)\/([a-z0-9][a-z0-9_-]*)\/$/.exec(rest);
    if (series) return this.series(series[1], series[2]);
    return null;
  }

  private ok(type: string, body: string, status = 200): SiteResponse {
    return { status, headers: { ...HEADERS, 'content-type': type }, body };
  }

  private published(): MeetingRow[] {
    return this.deps.store.ended().filter((r) => r.base);
  }

  private file(rest: string, format: string): SiteResponse | null {
    try {
      return this.ok(TYPES[format], readFileSync(join(this.dir, rest), 'utf8'));
    } catch {
      return null;
    }
  }

  private table(rows: MeetingRow[]) {
    const href = (row: MeetingRow, f: Parameters<typeof minutesUrl>[2]) => minutesUrl(undefined, row.base!, f);
    return html`<table><caption>Meetings, newest first</caption><thead><tr><th scope="col">Started (UTC)</th><th scope="col">Meeting</th><th scope="col">Channel</th><th scope="col">Files</th></tr></thead><tbody>${rows.map(
      (r) =>
        html`<tr><td>${day(r)}</td><td><a href="${href(r, 'html')}">${r.name}</a></td><td><a href="/meetings/${slug(r.room)}/">${r.room}</a></td><td><a href="${href(r, 'log.html')}">log</a>, <a href="${href(r, 'txt')}">text</a>, <a href="${href(r, 'md')}">Markdown</a>, <a href="/meetings/${slug(r.room)}/${slug(r.name)}/">all of this meeting</a></td></tr>`,
    )}</tbody></table>`;
  }

  private index(): SiteResponse {
    const rows = this.published();
    const channels = [...new Map(rows.map((r) => [slug(r.room), r.room])).entries()];
    const body = html`<h1>Meeting minutes</h1>
<p><a href="/">Back to what's on</a> · JSON: <a href="/api/minutes">/api/minutes</a></p>
${rows.length === 0 ? html`<p>No meeting has been recorded yet. Say <code>#startmeeting</code> in a channel the bot is in to start one.</p>` : ''}
<h2>Channels</h2><ul>${channels.map(([s, room]) => html`<li><a href="/meetings/${s}/">${room}</a></li>`)}</ul>
<h2>Latest</h2>${this.table(rows.slice(0, 50))}`;
    return this.ok(TYPES.html, page('Meeting minutes', body));
  }

  private channel(channel: string): SiteResponse | null {
    const rows = this.published().filter((r) => slug(r.room) === channel);
    if (rows.length === 0) return null;
    const body = html`<h1>Meetings in ${rows[0].room}</h1><p><a href="/meetings/">All channels</a></p>${this.table(rows)}`;
    return this.ok(TYPES.html, page(`Meetings in ${rows[0].room}`, body));
  }

  private series(channel: string, name: string): SiteResponse | null {
    const rows = this.published().filter((r) => slug(r.room) === channel && slug(r.name) === name);
    if (rows.length === 0) return null;
    const body = html`<h1>${rows[0].name} in ${rows[0].room}</h1><p><a href="/meetings/${channel}/">All meetings in ${rows[0].room}</a></p>${this.table(rows)}`;
    return this.ok(TYPES.html, page(`${rows[0].name} in ${rows[0].room}`, body));
  }

  private api(params: URLSearchParams): SiteResponse {
    const q = (params.get('q') ?? '').trim();
    const meeting = (params.get('meeting') ?? '').trim();
    let reply: Reply;
    let status = 200;
    if (q.length > MAX_QUERY || meeting.length > MAX_QUERY) (reply = { kind: 'error', code: 'TOO_LONG', text: `Longer than ${MAX_QUERY} characters.` }), (status = 400);
    else if (q) reply = minutesSearchReply(this.deps, q, 50);
    else {
      const rows = this.published().filter((r) => !meeting || meetingMatches(r, meeting)).slice(0, 50);
      reply = { kind: 'list', text: `${rows.length} meeting${rows.length === 1 ? '' : 's'}, newest first`, items: rows.map((r) => minutesItem(this.deps, r)) };
    }
    return this.ok('application/json; charset=utf-8', replyJson(reply, 'UTC'), status);
  }
}
