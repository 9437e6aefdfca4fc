import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketPeer } from './slack-websocket.js';

/** One Web API call as the stand-in received it; JSON-encoded form values (blocks) are decoded. */
export interface ApiCall {
  method: string;
  token: string | undefined;
  args: Record<string, unknown>;
}

/** One post to a slash command's response_url. */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
}

type Scripted = { kind: 'rate-limit'; retryAfter: number } | { kind: 'error'; error: string } | { kind: 'status'; status: number };

export const TEAM = 'T0RDO';
export const BOT_USER = 'U0BOT';
export const BOT_ID = 'B0BOT';

/**
 * A local stand-in for Slack's Web API (`/api/<method>`) and for response_url endpoints
 * (`/respond/<id>`), on 127.0.0.1. It records what the bot sends, answers like Slack, and can be
 * told to rate-limit (429 + Retry-After) or refuse (ok: false) the next calls of a method.
 */
export class SlackApiStandIn {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  /** Requests for methods the stand-in does not know. */
  readonly unknown: string[] = [];
  /** Who users.info knows, by user id. */
  readonly people = new Map<string, { name: string; admin?: boolean; tz?: string }>([
    ['U0ALICE', { name: 'Alice' }],
    ['U0ADMIN', { name: 'Ada', admin: true }],
  ]);
  /** Who conversations.members lists, by channel id (a channel not listed has no one). */
  readonly members = new Map<string, string[]>();
  private readonly script = new Map<string, Scripted[]>();
  private readonly server: Server;
  private ts = 1_700_000_000;
  private port = 0;

  /** Socket Mode connections the bot opened, newest last. */
  readonly sockets: WebSocketPeer[] = [];
  private envelopes = 0;

  constructor() {
    this.server = createServer((req, res) => void this.route(req, res));
    // Socket Mode: apps.connections.open hands out ws://…/link/; the stand-in says hello like Slack does.
    this.server.on('upgrade', (req, socket) => {
      if (!(req.url ?? '').startsWith('/link/')) return socket.destroy();
      const peer = WebSocketPeer.accept(req, socket);
      this.sockets.push(peer);
      peer.sendJson({ type: 'hello', num_connections: 1, debug_info: { host: 'stand-in' }, connection_info: { app_id: 'A0RDOBOT' } });
    });
  }

  /**
   * Send an envelope over the newest Socket Mode connection, as Slack does (`events_api` with an
   * event callback body, `slash_commands` with the command); returns its envelope id.
   */
  envelope(type: 'events_api' | 'slash_commands', payload: Record<string, unknown>, retryAttempt = 0): string {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no Socket Mode connection is open');
    this.envelopes += 1;
    const id = `env-${this.envelopes}`;
    socket.sendJson({
      envelope_id: id,
      type,
      payload,
      accepts_response_payload: type === 'slash_commands',
      retry_attempt: retryAttempt,
      retry_reason: retryAttempt > 0 ? 'timeout' : '',
    });
    return id;
  }

  /** Whether the bot acknowledged an envelope. */
  acked(envelopeId: string): boolean {
    return this.sockets.some((s) => s.received.some((m) => m.envelope_id === envelopeId));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The Web API base URL to give the bot (SLACK_API_URL). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** The next `times` calls of `method` get HTTP 429 with `Retry-After: seconds`. */
  rateLimit(method: string, seconds: number, times = 1): void {
    for (let i = 0; i < times; i += 1) this.queue(method, { kind: 'rate-limit', retryAfter: seconds });
  }

  /** The next call of `method` gets `{ ok: false, error }`. */
  refuse(method: string, error: string): void {
    this.queue(method, { kind: 'error', error });
  }

  /** The next call of `method` gets a bare HTTP error status. */
  failWith(method: string, status: number): void {
    this.queue(method, { kind: 'status', status });
  }

  /** Every call of one method, in order (429-answered attempts included). */
  called(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages Slack accepted: chat.postMessage calls answered ok. */
  readonly posted: ApiCall[] = [];

  private queue(method: string, step: Scripted): void {
    const steps = this.script.get(method) ?? [];
    steps.push(step);
    this.script.set(method, steps);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST') return json(res, 405, { ok: false, error: 'method_not_allowed' });
    const respond = /^\/respond\/([^/]+)$/.exec(path);
    if (respond) {
      this.responses.push({ id: respond[1], body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const api = /^\/api\/([A-Za-z.]+)$/.exec(path);
    if (!api) return json(res, 404, { ok: false, error: 'not_found' });
    const method = api[1];
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    const call: ApiCall = { method, token: auth?.startsWith('Bearer ') ? auth.slice(7) : (args.token as string | undefined), args };
    this.calls.push(call);
    const step = this.script.get(method)?.shift();
    if (step?.kind === 'rate-limit') {
      res.writeHead(429, { 'retry-after': String(step.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (step?.kind === 'status') return json(res, step.status, { ok: false, error: 'server_error' });
    if (step?.kind === 'error') return json(res, 200, { ok: false, error: step.error });
    if (!/^xox[bp]-|^xapp-/.test(call.token ?? '')) return json(res, 200, { ok: false, error: 'not_authed' });
    json(res, 200, this.answer(call));
  }

  private answer(call: ApiCall): Record<string, unknown> {
    switch (call.method) {
      case 'auth.test':
        return { ok: true, url: 'https://rdo.slack.test/', team: 'RDO', user: 'rdobot', team_id: TEAM, user_id: BOT_USER, bot_id: BOT_ID };
      case 'chat.postMessage': {
        this.ts += 1;
        this.posted.push(call);
        return { ok: true, channel: call.args.channel, ts: `${this.ts}.000100`, message: { text: call.args.text } };
      }
      case 'users.info': {
        const id = String(call.args.user);
        const person = this.people.get(id);
        if (!person) return { ok: false, error: 'user_not_found' };
        const { name, admin = false, tz } = person;
        return { ok: true, user: { id, name: name.toLowerCase(), real_name: name, is_admin: admin, is_owner: false, profile: { display_name: name }, ...(tz ? { tz } : {}) } };
      }
      case 'conversations.members': {
        // Pages of `limit`, the cursor being the index of the next member, as Slack pages them.
        const all = this.members.get(String(call.args.channel)) ?? [];
        const from = Number(call.args.cursor ?? 0) || 0;
        const limit = Number(call.args.limit ?? 100) || 100;
        const next = from + limit < all.length ? String(from + limit) : '';
        return { ok: true, members: all.slice(from, from + limit), response_metadata: { next_cursor: next } };
      }
      case 'conversations.open': {
        const users = String(call.args.users ?? '');
        return { ok: true, channel: { id: `D${users.replace(/^U/, '')}` } };
      }
      case 'apps.connections.open':
        if (!call.token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=t${this.calls.length}` };
      default:
        this.unknown.push(call.method);
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseArgs(raw: string, type: string): Record<string, unknown> {
  if (type.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
