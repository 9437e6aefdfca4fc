import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DateTime } from 'luxon';
import type { Archive } from '../archive/archive.js';
import { archiveAt, type ArchiveAt } from '../archive/archive-at.js';
import type { Clock, Reply } from '../core/types.js';
import { PROJECT_ROOT } from '../base/paths.js';
import { renderCalendar } from '../schedule/ical.js';
import { ApiError, countParam, errorReply, json, MAX_QUERY, meetingsReply, postsReply, queryParam, searchReply, testDaysReply, zoneParam } from './api.js';
import { homePage, searchPage, type PageFrame, type SearchOutcome } from './page.js';
import { DEFAULT_LIMITS, SlotCache, whatsOn, type ScheduleData } from './whats-on.js';

/** What the site reads, at every request: the bot's live data, so a new post or a changed meeting shows on the next load. */
export interface SiteData {
  schedule: () => ScheduleData;
  archive: () => Archive;
  clock: Clock;
  version: string;
  /** The address the public reaches the bot at (behind a proxy), for the webcal:// link; else the Host header is used. */
  publicUrl?: string;
  /** Where the page's script, style sheet and icon are (default: web/ in the project). */
  assetsDir?: string;
}

export interface SiteRequest {
  /** Path and query, as in the request line. */
  url: string;
  /** The Host header, if any. */
  host?: string;
}

export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** A file sent as a stream instead of `body` (minutes, logs: possibly tens of megabytes, never read whole). */
  stream?: { size: number; open: () => NodeJS.ReadableStream & { destroy(): void } };
}

/**
 * No inline script or style, nothing from elsewhere: a title that slips past escaping still cannot run.
 * `form-action 'self'` keeps the search box pointed at the bot.
 */
export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const COMMON_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const SEARCH_RESULTS = 20;

interface Asset {
  type: string;
  body: string;
  hash: string;
}

const ASSET_FILES: Record<string, string> = {
  'page.js': 'text/javascript; charset=utf-8',
  'page.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
};

function loadAssets(dir: string): Map<string, Asset> {
  return new Map(
    Object.entries(ASSET_FILES).map(([name, type]) => {
      const body = readFileSync(join(dir, name), 'utf8');
      return [name, { type, body, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) }];
    }),
  );
}

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The webcal:// address of the feed: from the configured public URL, or from a Host header that looks like one. */
export function webcalUrl(publicUrl: string | undefined, host: string | undefined): string | undefined {
  if (publicUrl) {
    const u = new URL('calendar.ics', publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
    return `webcal://${u.host}${u.pathname}`;
  }
  return host && HOST.test(host) ? `webcal://${host}/calendar.ics` : undefined;
}

type Route = (params: URLSearchParams, req: SiteRequest) => SiteResponse;

/** The community page, its search, its JSON and its per-event calendars, rendered from the bot's in-memory data. */
export class CommunitySite {
  private readonly assets: Map<string, Asset>;
  private readonly routes: Record<string, Route>;
  private readonly slots = new SlotCache();

  constructor(private readonly data: SiteData) {
    this.assets = loadAssets(data.assetsDir ?? join(PROJECT_ROOT, 'web'));
    this.routes = {
      '/': (_p, req) => this.ok(HTML, homePage(this.view(), this.frame(req))),
      '/search': (p, req) => this.search(p, req),
      '/api/meetings': (p) => this.api(p, (zone) => meetingsReply(this.view(), zone)),
      '/api/testdays': (p) => this.api(p, (zone) => testDaysReply(this.view(), zone)),
      '/api/interviews': (p) => this.api(p, (zone) => postsReply(this.archiveNow(), 'interview', countParam(p, DEFAULT_LIMITS.interviews), zone)),
      '/api/posts': (p) => this.api(p, (zone) => postsReply(this.archiveNow(), undefined, countParam(p, DEFAULT_LIMITS.posts), zone)),
      '/api/search': (p) => this.api(p, (zone) => searchReply(this.archiveNow(), queryParam(p), countParam(p, SEARCH_RESULTS), zone)),
    };
  }

  /** The response for a GET, or null when the path is not the site's. */
  respond(req: SiteRequest): SiteResponse | null {
    const url = new URL(req.url, 'http://site.invalid');
    const route = this.routes[url.pathname];
    if (route) return route(url.searchParams, req);
    if (url.pathname.startsWith('/assets/')) return this.asset(url.pathname.slice('/assets/'.length));
    const cal = /^\/calendar\/(meeting|testday)\/([^/]+)\.ics$/.exec(url.pathname);
    if (cal) return this.eventCalendar(cal[1] as 'meeting' | 'testday', cal[2]);
    if (url.pathname.startsWith('/api/')) return this.apiError(new ApiError(404, 'NOT_FOUND', 'No such API: try /api/meetings, /api/testdays, /api/interviews, /api/posts or /api/search?q=words'));
    return null;
  }

  private now(): DateTime {
    return this.data.clock.now();
  }

  /** The archive as it stands now: a post dated later is not on the page or in the API yet. */
  private archiveNow(): ArchiveAt {
    return archiveAt(this.data.archive(), this.now());
  }

  private view() {
    return whatsOn(this.data.schedule(), this.archiveNow(), this.now(), DEFAULT_LIMITS, this.slots);
  }

  private frame(req: SiteRequest): PageFrame {
    const url = (name: string) => `assets/${name}?v=${this.assets.get(name)!.hash}`;
    return {
      version: this.data.version,
      assets: { script: url('page.js'), style: url('page.css'), icon: url('icon.svg') },
      webcal: webcalUrl(this.data.publicUrl, req.host),
      now: this.now(),
    };
  }

  private ok(type: string, body: string, status = 200, extra: Record<string, string> = {}): SiteResponse {
    return { status, headers: { ...COMMON_HEADERS, 'content-type': type, 'cache-control': 'no-store', ...extra }, body };
  }

  private search(params: URLSearchParams, req: SiteRequest): SiteResponse {
    const query = (params.get('q') ?? '').trim();
    let outcome: SearchOutcome;
    if (!query) outcome = { query, total: 0, hits: [], problem: 'Type one or more words to look for in the blog archive.' };
    else if (query.length > MAX_QUERY) outcome = { query: query.slice(0, MAX_QUERY), total: 0, hits: [], problem: `That is longer than ${MAX_QUERY} characters; try fewer words.` };
    else outcome = { query, ...this.archiveNow().search(query, undefined, SEARCH_RESULTS) };
    return this.ok(HTML, searchPage(outcome, this.frame(req)), query.length > MAX_QUERY ? 400 : 200);
  }

  private api(params: URLSearchParams, reply: (zone: string) => Reply): SiteResponse {
    try {
      const zone = zoneParam(params);
      return this.ok(JSON_TYPE, json(reply(zone), zone));
    } catch (err) {
      if (err instanceof ApiError) return this.apiError(err);
      throw err;
    }
  }

  private apiError(err: ApiError): SiteResponse {
    return this.ok(JSON_TYPE, json(errorReply(err), 'UTC'), err.status);
  }

  private asset(name: string): SiteResponse | null {
    const a = this.assets.get(name);
    // The URL carries the content hash, so a day of caching never serves a stale script after an upgrade.
    return a ? this.ok(a.type, a.body, 200, { 'cache-control': 'public, max-age=86400' }) : null;
  }

  /** One meeting's series, or one test day, as its own .ics: "add to calendar". */
  private eventCalendar(kind: 'meeting' | 'testday', rawId: string): SiteResponse | null {
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return null;
    }
    const { meetings, testDays } = this.data.schedule();
    const meeting = kind === 'meeting' ? meetings.find((m) => m.id === id) : undefined;
    const day = kind === 'testday' ? testDays.find((t) => t.id === id) : undefined;
    if (!meeting && !day) return null;
    const name = meeting?.name ?? day!.title;
    const text = renderCalendar(meeting ? [meeting] : [], day ? [day] : [], { now: this.now(), name });
    const file = `${id.replace(/[^\w.-]+/g, '-')}.ics`;
    return this.ok('text/calendar; charset=utf-8', text, 200, { 'content-disposition': `attachment; filename="${file}"` });
  }
}
