import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { replyJson } from '../present/reply-json.js';
import { utcDayTimeText } from '../present/time.js';
import type { Reply } from '../core/types.js';
import { minutesItem, minutesSearchReply, meetingMatches, shownTo, type MinutesDeps } from '../views/minutes.js';
import { meetingBase, SAFE_FILE, slug, roomSlug, type MinutesFormat } from '../meetings/layout.js';
import type { MeetingRow } from '../meetings/store.js';
import { writerOf } from '../meetings/writers.js';
import { html } from './html.js';
import { page } from './minutes-html.js';
import { CSP, type SiteRequest, type SiteResponse } from './site.js';
import { MAX_QUERY } from './api.js';

const HEADERS = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' };
const HTML_TYPE = 'text/html; charset=utf-8';
const day = (row: MeetingRow) => utcDayTimeText(DateTime.fromMillis(row.started, { zone: 'utc' }));
/** Largest minutes file served (a 10,000-line meeting of 4,000-character lines makes a log of about 45 MB). */
export const MAX_MINUTES_FILE = 128 * 1024 * 1024;
const roomOf = (r: MeetingRow) => roomSlug(r.network, r.room);

/**
 * Minutes over HTTP: /meetings/ (every room), /meetings/<room>/ (its meetings), /meetings/<room>/<name>/ (one
 * meeting's occurrences), the files themselves (streamed from disk, never read whole), and /api/minutes (latest,
 * ?meeting=, ?q= search) as JSON. Only meetings of public rooms (or rooms opted in) are named or served.
 */
export class MinutesSite {
  constructor(
    private readonly deps: MinutesDeps,
    /** The directory public minutes are written to. */
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
    if (file) return this.file(`${file[1]}/${file[2]}/${file[3]}`, file[4] as MinutesFormat);
    const channel = /^([a-z0-9][a-z0-9_-]*)\/$/.exec(rest);
    if (channel) return this.channel(channel[1]);
    const series = /^([a-z0-9][a-z0-9_-]*)\/([a-z0-9][a-z0-9_-]*)\/$/.exec(rest);
    if (series) return this.series(series[1], series[2]);
    return null;
  }

  private ok(type: string, body: string, status = 200): SiteResponse {
    return { status, headers: { ...HEADERS, 'content-type': type }, body };
  }

  /** Published meetings this site may name: of public rooms, or of private ones opted in. */
  private published(): MeetingRow[] {
    return this.deps.store.ended().filter((r) => r.base && shownTo(this.deps.publicRooms, r));
  }

  /** A file only when a shown meeting's row names it; streamed, with its size known and capped. */
  private file(base: string, format: MinutesFormat): SiteResponse | null {
    const row = this.deps.store.byBase(base) ?? this.savedSoFar(base);
    if (!row || !shownTo(this.deps.publicRooms, row)) return null;
    const path = join(this.dir, `${base}.${format}`);
    try {
      const size = statSync(path).size;
      if (size > MAX_MINUTES_FILE) return this.ok('text/plain; charset=utf-8', `This file is ${Math.round(size / 1048576)} MB, more than this site serves; read it on the bot's disk.\n`, 413);
      return { status: 200, headers: { ...HEADERS, 'content-type': writerOf(format).type }, body: '', stream: { size, open: () => createReadStream(path, { highWaterMark: 64 * 1024 }) } };
    } catch {
      return null;
    }
  }

  /**
   * A meeting not published yet (still running) whose minutes so far a chair saved (#save): they are at the addresses
   * its final minutes will have, named by its id.
   */
  private savedSoFar(base: string): MeetingRow | undefined {
    const id = /-(\d{1,12})$/.exec(base)?.[1];
    const row = id ? this.deps.store.meeting(Number(id)) : undefined;
    return row && row.base === null && meetingBase(row) === base ? row : undefined;
  }

  /** The table of meetings; `up` leads from the page to /meetings/. */
  private table(rows: MeetingRow[], up: string) {
    const href = (row: MeetingRow, f: MinutesFormat) => `${up}${row.base!}.${f}`;
    return html`<table><caption>Meetings, newest first</caption><thead><tr><th scope="col">Started (UTC)</th><th scope="col">Meeting</th><th scope="col">Room</th><th scope="col">Files</th></tr></thead><tbody>${rows.map(
      (r) =>
        html`<tr><td>${day(r)}</td><td><a href="${href(r, 'html')}">${r.name}</a></td><td><a href="${up}${roomOf(r)}/">${r.room}</a></td><td><a href="${href(r, 'log.html')}">log</a>, <a href="${href(r, 'txt')}">text</a>, <a href="${href(r, 'md')}">Markdown</a>, <a href="${up}${roomOf(r)}/${slug(r.name)}/">all of this meeting</a></td></tr>`,
    )}</tbody></table>`;
  }

  private index(): SiteResponse {
    const rows = this.published();
    const channels = [...new Map(rows.map((r) => [roomOf(r), r.room])).entries()];
    const body = html`<h1>Meeting minutes</h1>
<p><a href="../">Back to what's on</a> · JSON: <a href="../api/minutes">/api/minutes</a></p>
${rows.length === 0 ? html`<p>No meeting has been recorded yet. Say <code>#startmeeting</code> in a channel the bot is in to start one.</p>` : ''}
<h2>Rooms</h2><ul>${channels.map(([s, room]) => html`<li><a href="${s}/">${room}</a></li>`)}</ul>
<h2>Latest</h2>${this.table(rows.slice(0, 50), '')}`;
    return this.ok(HTML_TYPE, page('Meeting minutes', body, ''));
  }

  private channel(channel: string): SiteResponse | null {
    const rows = this.published().filter((r) => roomOf(r) === channel);
    if (rows.length === 0) return null;
    const body = html`<h1>Meetings in ${rows[0].room}</h1><p><a href="../">All rooms</a></p>${this.table(rows, '../')}`;
    return this.ok(HTML_TYPE, page(`Meetings in ${rows[0].room}`, body, '../'));
  }

  private series(channel: string, name: string): SiteResponse | null {
    const rows = this.published().filter((r) => roomOf(r) === channel && slug(r.name) === name);
    if (rows.length === 0) return null;
    const body = html`<h1>${rows[0].name} in ${rows[0].room}</h1><p><a href="../">All meetings in ${rows[0].room}</a></p>${this.table(rows, '../../')}`;
    return this.ok(HTML_TYPE, page(`${rows[0].name} in ${rows[0].room}`, body, '../../'));
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
