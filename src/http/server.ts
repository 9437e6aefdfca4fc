import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotView } from '../web/bot-view.js';
import type { SiteRequest, SiteResponse } from '../web/site.js';
import { SECURITY_HEADERS } from './headers.js';
import { metricsAllowed, type MetricsAccess } from './metrics-access.js';
import { storesDegraded } from './store-health.js';
import { boundConnections, connectionCap, fileDescriptorLimit, HTTP_TIMEOUTS, LOW_FD_LIMIT, type HttpTimeouts } from './connections.js';
import { healthCode, problemReport, type ProblemReport } from '../core/source-problems.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The iCal feed, when the scheduler provides one; `?meeting=<id>` asks for one meeting's (null: no such meeting). */
  calendar?: (query: URLSearchParams) => string | null;
  /** The community page (/, /search, /api/…, per-event calendars), when served. */
  site?: { respond(req: SiteRequest): SiteResponse | null };
  /** Awaited before the calendar and the pages are served: the schedule they show, when it is built on demand. */
  ready?: () => Promise<unknown>;
  /** Who may read /metrics (HTTP_METRICS, HTTP_METRICS_TOKEN); everyone when absent. */
  metrics?: MetricsAccess;
  /** Connections open at once; by default derived from the open-file limit (src/http/connections.ts). */
  maxConnections?: number;
  /** Shorter or longer waits than HTTP_TIMEOUTS (tests). */
  timeouts?: Partial<HttpTimeouts>;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

/** A file streamed to a reader at the reader's pace (a slow one holds a few buffers, not the file); closed with it. */
function sendStream(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, stream: NonNullable<SiteResponse['stream']>): void {
  res.writeHead(status, { ...headers, 'content-length': stream.size });
  if (req.method === 'HEAD') return void res.end();
  const file = stream.open();
  file.on('error', () => res.destroy());
  res.on('close', () => file.destroy());
  file.pipe(res);
}

/**
 * The bot's own HTTP endpoint: /healthz, /metrics, /calendar.ics, the community page, and any receiver mounted under
 * a path (the Slack events endpoint), all on one port.
 */
export class HttpEndpoint {
  private readonly server: Server;
  private readonly mounts: { prefix: string; handler: Handler }[] = [];
  private readonly fdLimit = fileDescriptorLimit();
  /** How many connections may be open at once: under the open-file limit, with room for the bot's own files. */
  readonly maxConnections: number;

  constructor(
    private readonly bot: BotView,
    private readonly options: HttpOptions,
  ) {
    const timeouts = { ...HTTP_TIMEOUTS, ...options.timeouts };
    this.server = createServer({ connectionsCheckingInterval: timeouts.check }, (req, res) => void this.route(req, res));
    this.maxConnections = options.maxConnections ?? connectionCap(this.fdLimit);
    boundConnections(this.server, this.maxConnections, timeouts, (cap, closed) =>
      bot.logger.warn({ cap, closed }, `HTTP connections at the cap of ${cap}: the oldest idle ones are closed to let new ones in (a flood, or raise the open-file limit)`),
    );
  }

  mount(prefix: string, handler: Handler): void {
    this.mounts.push({ prefix, handler });
  }

  health(): { status: 'ok' | 'degraded'; adapters: unknown[]; archive: unknown; sources?: ProblemReport; nextReminder?: unknown } {
    const adapters = this.bot.adapters().map((a) => ({ name: a.name, connected: true, reconnects: 0, ...a.status?.() }));
    const facts = this.bot.health();
    const sources = problemReport(this.bot.sourceProblems?.() ?? []);
    return {
      status: adapters.every((a) => a.connected) && !storesDegraded(facts) && sources.count === 0 ? 'ok' : 'degraded',
      ...(sources.count ? { sources } : {}),
      adapters,
      archive: { posts: this.bot.archive.size, interviews: this.bot.archive.all('interview').length, warnings: this.bot.warnings.length, lastReload: this.bot.loadedAt.toISOString() },
      ...facts,
    };
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const path = (req.url ?? '/').split('?')[0];
    const mount = this.mounts.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`));
    if (mount) return mount.handler(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed\n');
    try {
      if (path === '/healthz') {
        const health = this.health();
        return send(res, healthCode(health, storesDegraded(health)), 'application/json', `${JSON.stringify(health, null, 2)}\n`);
      }
      if (path === '/metrics' && this.bot.metrics) {
        const verdict = metricsAllowed(this.options.metrics, req.headers.authorization);
        if (verdict === 'hidden') return send(res, 404, 'text/plain', 'not found\n');
        if (verdict === 'denied') return void res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="rdobot metrics"', 'cache-control': 'no-store' }).end('a bearer token is needed for /metrics (HTTP_METRICS_TOKEN)\n');
        return send(res, 200, this.bot.metrics.registry.contentType, await this.bot.metrics.registry.metrics());
      }
      if (path === '/calendar.ics' || this.options.site) await this.options.ready?.();
      if (path === '/calendar.ics' && this.options.calendar) {
        const feed = this.options.calendar(new URL(req.url ?? '/', 'http://localhost').searchParams);
        return feed === null ? send(res, 404, 'text/plain', 'no such meeting: see !meeting list for the ids\n') : send(res, 200, 'text/calendar; charset=utf-8', feed);
      }
      const page = this.options.site?.respond({ url: req.url ?? '/', host: req.headers.host });
      if (page?.stream) return sendStream(req, res, page.status, page.headers, page.stream);
      if (page) return void res.writeHead(page.status, { ...page.headers, 'content-length': Buffer.byteLength(page.body) }).end(page.body);
      send(res, 404, 'text/plain', `not found: try ${this.options.site ? '/, ' : ''}/healthz, /metrics or /calendar.ics\n`);
    } catch (err) {
      this.bot.logger.error({ err, path }, 'http endpoint failed');
      send(res, 500, 'text/plain', 'internal error\n');
    }
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => resolve());
    });
    const limit = this.fdLimit === undefined ? 'unknown' : this.fdLimit;
    if (this.fdLimit !== undefined && this.fdLimit < LOW_FD_LIMIT) {
      this.bot.logger.warn({ fdLimit: limit, maxConnections: this.maxConnections }, `the open-file limit is low (${limit}): HTTP holds at most ${this.maxConnections} connections; raise it (ulimit -n, LimitNOFILE= in a systemd unit)`);
    } else this.bot.logger.debug({ fdLimit: limit, maxConnections: this.maxConnections }, 'HTTP connection cap');
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
