/**
 * A small Matrix homeserver stand-in for tests: the real client-server API over HTTP on
 * 127.0.0.1, just enough for matrix-js-sdk's client (versions, login, long-poll /sync with
 * `since` tokens, join/leave, send with transaction ids, state, members, profile, filters).
 * Test controls create rooms and users, inject messages and invites, read what was sent,
 * inject 429s, and stop/restart the server on the same port. End-to-end encryption (device and
 * cross-signing keys, one-time keys, to-device messages) is in matrix-homeserver-keys.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HomeserverWorld, type HsEvent, type SyncBody } from './matrix-homeserver-world.js';

export type { HsEvent } from './matrix-homeserver-world.js';

export interface RoomSetup {
  /** Local part of the room id: `!<name>:<server>`. */
  name: string;
  alias?: string;
  creator: string;
  members?: string[];
  /** User id -> power level. */
  powerLevels?: Record<string, number>;
  encrypted?: boolean;
}

export interface Fault {
  status: number;
  body: Record<string, unknown>;
}

interface Reply {
  status: number;
  body: unknown;
}

type Handler = (req: Request) => Reply | Promise<Reply>;

interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  userId?: string;
  deviceId?: string;
  token?: string;
  signal: AbortSignal;
}

const ok = (body: unknown): Reply => ({ status: 200, body });
const err = (status: number, errcode: string, error: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { errcode, error, ...extra },
});

export class MatrixHomeserver {
  readonly world: HomeserverWorld;
  /** Rooms created through the client API (`/createRoom`), with their invitees and flags. */
  readonly directRooms: { roomId: string; creator: string; invite: string[]; isDirect: boolean; preset?: string }[] = [];
  /** Requests no route knew, as `METHOD path`: what a newer SDK started asking for. */
  readonly unknown: string[] = [];
  /** Every request as `METHOD path`, in order. */
  readonly requests: string[] = [];
  private server: Server | undefined;
  private port = 0;
  private readonly faults = new Map<string, Fault[]>();
  private readonly routes: [string, RegExp, Handler][] = [];
  private readonly pending = new Set<AbortController>();
  /** Event id -> who sent it with which transaction id: their sync echoes it in `unsigned`. */
  private readonly txnOf = new Map<string, { token: string; txnId: string }>();

  constructor(readonly serverName = 'hs.test') {
    this.world = new HomeserverWorld(serverName);
    this.defineRoutes();
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => void this.serve(req, res));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stop listening and cut every open connection (long polls included), like a crashed server. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const c of this.pending) c.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  // ---- test controls ----

  addUser(userId: string, options: { password?: string; displayname?: string; token?: string } = {}): string {
    this.world.users.set(userId, { password: options.password, displayname: options.displayname });
    const token = options.token ?? `tok_${this.world.nextId('t')}`;
    this.world.tokens.set(token, { userId, deviceId: `DEV${this.world.nextId('d')}` });
    return token;
  }

  createRoom(setup: RoomSetup): string {
    const id = `!${setup.name}:${this.serverName}`;
    this.world.rooms.set(id, { id, aliases: setup.alias ? [setup.alias] : [], state: new Map(), events: [] });
    if (setup.alias) this.world.aliases.set(setup.alias, id);
    const w = this.world;
    w.append(id, { type: 'm.room.create', sender: setup.creator, state_key: '', content: { creator: setup.creator, room_version: '10' } });
    w.setMembership(id, setup.creator, setup.creator, 'join');
    w.append(id, {
      type: 'm.room.power_levels',
      sender: setup.creator,
      state_key: '',
      content: { users: { [setup.creator]: 100, ...setup.powerLevels }, users_default: 0, events_default: 0, state_default: 50 },
    });
    w.append(id, { type: 'm.room.join_rules', sender: setup.creator, state_key: '', content: { join_rule: 'public' } });
    w.append(id, { type: 'm.room.name', sender: setup.creator, state_key: '', content: { name: setup.name } });
    if (setup.alias) w.append(id, { type: 'm.room.canonical_alias', sender: setup.creator, state_key: '', content: { alias: setup.alias } });
    if (setup.encrypted) {
      w.append(id, { type: 'm.room.encryption', sender: setup.creator, state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } });
    }
    for (const m of setup.members ?? []) w.setMembership(id, m, m, 'join');
    return id;
  }

  /** A user says something in a room; returns the event. */
  say(roomId: string, sender: string, body: string, extra: Record<string, unknown> = {}, type = 'm.room.message'): HsEvent {
    return this.world.append(roomId, { type, sender, content: { msgtype: 'm.text', body, ...extra } });
  }

  invite(roomId: string, inviter: string, invitee: string): HsEvent {
    return this.world.setMembership(roomId, inviter, invitee, 'invite');
  }

  membership(roomId: string, userId: string): string | undefined {
    return this.world.membership(roomId, userId);
  }

  /** Events a user sent through /send (not injected ones), optionally in one room. */
  sentBy(userId: string, roomId?: string): HsEvent[] {
    const rooms = roomId ? [this.world.rooms.get(roomId)!] : [...this.world.rooms.values()];
    return rooms.flatMap((r) => r.events.filter((e) => e.sender === userId && e.type !== 'm.room.member' && e.state_key === undefined));
  }

  /** The next `count` requests to `route` (e.g. 'send', 'sync', 'join') fail with this response. */
  failNext(route: string, fault: Fault, count = 1): void {
    const list = this.faults.get(route) ?? [];
    for (let i = 0; i < count; i += 1) list.push(fault);
    this.faults.set(route, list);
  }

  /** Resolve when `check` returns a value, polling; reject after `timeoutMs`. */
  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  // ---- HTTP ----

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(res, err(400, 'M_NOT_JSON', 'body is not JSON'));
    }
    const method = req.method ?? 'GET';
    // Clients use v3, r0 and unstable prefixes; the stand-in treats them alike.
    const path = url.pathname.replace(/^\/_matrix\/client\/(?:v3|r0|v1|unstable)(?=\/)/, '');
    this.requests.push(`${method} ${url.pathname}`);
    const abort = new AbortController();
    this.pending.add(abort);
    res.on('close', () => {
      abort.abort();
      this.pending.delete(abort);
    });
    try {
      for (const [m, re, handler] of this.routes) {
        if (m !== method) continue;
        const match = re.exec(path);
        if (!match) continue;
        const routeName = handlerName(path);
        const fault = this.faults.get(routeName)?.shift();
        if (fault) return send(res, { status: fault.status, body: fault.body });
        const request: Request = { method, path, query: url.searchParams, body, signal: abort.signal };
        if (!PUBLIC.test(path)) {
          const token = bearer(req, url);
          const session = token ? this.world.tokens.get(token) : undefined;
          if (!token) return send(res, err(401, 'M_MISSING_TOKEN', 'Missing access token'));
          if (!session) return send(res, err(401, 'M_UNKNOWN_TOKEN', 'Unknown access token'));
          Object.assign(request, { token, userId: session.userId, deviceId: session.deviceId });
        }
        (request as Request & { params: string[] }).params = match.slice(1).map(decodeURIComponent);
        return send(res, await handler(request));
      }
      this.unknown.push(`${method} ${url.pathname}`);
      send(res, err(404, 'M_UNRECOGNIZED', 'Unrecognized request'));
    } catch (e) {
      send(res, err(500, 'M_UNKNOWN', String(e)));
    }
  }

  private route(method: string, pattern: RegExp, handler: (req: Request, params: string[]) => Reply | Promise<Reply>): void {
    this.routes.push([method, pattern, (req) => handler(req, (req as Request & { params: string[] }).params)]);
  }

  private defineRoutes(): void {
    const w = this.world;
    this.route('GET', /^\/_matrix\/client\/versions$/, () =>
      ok({ versions: ['r0.6.1', 'v1.1', 'v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6', 'v1.7', 'v1.8', 'v1.9', 'v1.10', 'v1.11'], unstable_features: {} }),
    );
    this.route('GET', /^\/login$/, () => ok({ flows: [{ type: 'm.login.password' }] }));
    this.route('POST', /^\/login$/, (req) => this.login(req));
    this.route('GET', /^\/account\/whoami$/, (req) => ok({ user_id: req.userId, device_id: req.deviceId }));
    this.route('GET', /^\/capabilities$/, () => ok({ capabilities: {} }));
    this.route('GET', /^\/pushrules\/?$/, () => ok({ global: { override: [], content: [], room: [], sender: [], underride: [] } }));
    this.route('POST', /^\/user\/([^/]+)\/filter$/, (req) => {
      const id = w.nextId('f');
      w.filters.set(id, req.body);
      return ok({ filter_id: id });
    });
    this.route('GET', /^\/user\/([^/]+)\/filter\/([^/]+)$/, (_req, [, id]) =>
      w.filters.has(id) ? ok(w.filters.get(id)) : err(404, 'M_NOT_FOUND', 'No such filter'),
    );
    this.route('GET', /^\/sync$/, (req) => this.sync(req));
    this.route('GET', /^\/joined_rooms$/, (req) =>
      ok({ joined_rooms: [...w.rooms.keys()].filter((id) => w.membership(id, req.userId!) === 'join') }),
    );
    this.route('POST', /^\/createRoom$/, (req) => {
      const body = req.body as { invite?: string[]; is_direct?: boolean; preset?: string; initial_state?: { type: string; state_key?: string; content: Record<string, unknown> }[] };
      const id = this.createRoom({ name: `room${w.nextId('r')}`, creator: req.userId! });
      for (const e of body.initial_state ?? []) w.append(id, { type: e.type, sender: req.userId!, state_key: e.state_key ?? '', content: e.content });
      this.directRooms.push({ roomId: id, creator: req.userId!, invite: body.invite ?? [], isDirect: body.is_direct === true, preset: body.preset });
      for (const invitee of body.invite ?? []) w.setMembership(id, req.userId!, invitee, 'invite');
      return ok({ room_id: id });
    });
    this.route('POST', /^\/join\/([^/]+)$/, (req, [idOrAlias]) => this.join(req, idOrAlias));
    this.route('POST', /^\/rooms\/([^/]+)\/join$/, (req, [id]) => this.join(req, id));
    this.route('POST', /^\/rooms\/([^/]+)\/leave$/, (req, [id]) => {
      if (!w.rooms.has(id)) return err(404, 'M_NOT_FOUND', 'No such room');
      w.setMembership(id, req.userId!, req.userId!, 'leave');
      return ok({});
    });
    this.route('PUT', /^\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/, (req, [id, type, txnId]) => {
      if (w.membership(id, req.userId!) !== 'join') return err(403, 'M_FORBIDDEN', 'Not in room');
      const key = `${req.token}|${id}|${txnId}`;
      const known = w.txns.get(key);
      if (known) return ok({ event_id: known });
      const event = w.append(id, { type, sender: req.userId!, content: req.body });
      w.txns.set(key, event.event_id);
      this.txnOf.set(event.event_id, { token: req.token!, txnId });
      return ok({ event_id: event.event_id });
    });
    this.route('GET', /^\/rooms\/([^/]+)\/state$/, (req, [id]) => {
      const room = w.rooms.get(id);
      if (!room || !w.membership(id, req.userId!)) return err(403, 'M_FORBIDDEN', 'Not in room');
      return ok([...room.state.values()]);
    });
    this.route('GET', /^\/rooms\/([^/]+)\/state\/([^/]+)(?:\/([^/]*))?$/, (_req, [id, type, key]) => {
      const event = w.stateEvent(id, type, key ?? '');
      return event ? ok(event.content) : err(404, 'M_NOT_FOUND', 'Event not found');
    });
    this.route('GET', /^\/rooms\/([^/]+)\/members$/, (_req, [id]) => {
      const room = w.rooms.get(id);
      if (!room) return err(404, 'M_NOT_FOUND', 'No such room');
      return ok({ chunk: [...room.state.values()].filter((e) => e.type === 'm.room.member') });
    });
    this.route('GET', /^\/profile\/([^/]+)(?:\/displayname)?$/, (_req, [userId]) => {
      const user = w.users.get(userId);
      return user ? ok({ displayname: user.displayname ?? userId }) : err(404, 'M_NOT_FOUND', 'No such user');
    });
    this.route('GET', /^\/directory\/room\/([^/]+)$/, (_req, [alias]) => {
      const id = w.aliases.get(alias);
      return id ? ok({ room_id: id, servers: [this.serverName] }) : err(404, 'M_NOT_FOUND', 'Room alias not found');
    });
    // Optional features the stand-in does not offer: the client is told so, as a real server would.
    this.route('GET', /^\/(?:thirdparty\/protocols|voip\/turnServer|room_keys\/.*|org\.matrix\.msc4143\/rtc\/transports)$/, () =>
      err(404, 'M_UNRECOGNIZED', 'Unrecognized request'),
    );
    // End-to-end encryption: keys and to-device messages (see matrix-homeserver-keys.ts).
    const keyRequest = (req: Request) => ({ userId: req.userId!, deviceId: req.deviceId!, body: req.body });
    this.route('POST', /^\/keys\/upload$/, (req) => w.keys.upload(keyRequest(req)));
    this.route('POST', /^\/keys\/query$/, (req) => w.keys.query(keyRequest(req)));
    this.route('POST', /^\/keys\/claim$/, (req) => w.keys.claim(keyRequest(req)));
    this.route('PUT', /^\/sendToDevice\/([^/]+)\/([^/]+)$/, (req, [type]) => w.keys.sendToDevice(keyRequest(req), type));
    this.route('POST', /^\/keys\/device_signing\/upload$/, (req) => w.keys.deviceSigningUpload(keyRequest(req), w.users.get(req.userId!)?.password));
    this.route('POST', /^\/keys\/signatures\/upload$/, (req) => w.keys.signaturesUpload(keyRequest(req)));
    this.route('GET', /^\/user\/([^/]+)\/account_data\/([^/]+)$/, (req, [, type]) => {
      const content = w.accountData.get(`${req.userId}|${type}`);
      return content ? ok(content) : err(404, 'M_NOT_FOUND', 'Account data not found');
    });
    this.route('PUT', /^\/user\/([^/]+)\/account_data\/([^/]+)$/, (req, [, type]) => {
      w.setAccountData(req.userId!, type, req.body);
      return ok({});
    });
    // Harmless client chatter: typing, receipts, read markers, presence.
    this.route('PUT', /^\/rooms\/([^/]+)\/typing\/([^/]+)$/, () => ok({}));
    this.route('POST', /^\/rooms\/([^/]+)\/(?:receipt\/.*|read_markers)$/, () => ok({}));
    this.route('PUT', /^\/presence\/([^/]+)\/status$/, () => ok({}));
  }

  private login(req: Request): Reply {
    const identifier = req.body.identifier as { type?: string; user?: string } | undefined;
    const given = identifier?.user ?? (req.body.user as string | undefined) ?? '';
    const userId = given.startsWith('@') ? given : `@${given}:${this.serverName}`;
    const user = this.world.users.get(userId);
    if (req.body.type !== 'm.login.password' || !user || user.password === undefined || user.password !== req.body.password) {
      return err(403, 'M_FORBIDDEN', 'Invalid username or password');
    }
    const deviceId = (req.body.device_id as string | undefined) ?? `DEV${this.world.nextId('d')}`;
    const token = `tok_${this.world.nextId('t')}`;
    this.world.tokens.set(token, { userId, deviceId });
    return ok({ user_id: userId, access_token: token, device_id: deviceId, home_server: this.serverName });
  }

  private join(req: Request, idOrAlias: string): Reply {
    const room = this.world.room(idOrAlias);
    if (!room) return err(404, 'M_NOT_FOUND', 'No known servers');
    if (this.world.membership(room.id, req.userId!) !== 'join') this.world.setMembership(room.id, req.userId!, req.userId!, 'join');
    return ok({ room_id: room.id });
  }

  private async sync(req: Request): Promise<Reply> {
    const since = req.query.get('since');
    const sincePos = since ? Number(since.replace(/^s/, '')) : undefined;
    if (sincePos !== undefined && (!Number.isInteger(sincePos) || sincePos > this.world.position)) {
      return err(400, 'M_INVALID_PARAM', 'bad since token');
    }
    const limit = timelineLimit(req.query.get('filter'), this.world.filters);
    const timeout = Math.min(Number(req.query.get('timeout') ?? 0) || 0, 30000);
    let body: SyncBody = this.world.sync(req.userId!, sincePos, limit, req.deviceId);
    if (sincePos === undefined || !HomeserverWorld.isEmpty(body) || timeout === 0) return ok(this.withTransactionIds(body, req.token!));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeout);
      const off = this.world.onAppend(() => {
        if (!HomeserverWorld.isEmpty(this.world.sync(req.userId!, sincePos, limit, req.deviceId))) done();
      });
      req.signal.addEventListener('abort', done);
      function done() {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
    body = this.world.sync(req.userId!, sincePos, limit, req.deviceId);
    return ok(this.withTransactionIds(body, req.token!));
  }

  private withTransactionIds(body: SyncBody, token: string): SyncBody {
    for (const room of Object.values(body.rooms.join)) {
      room.timeline.events = room.timeline.events.map((e) => {
        const txn = this.txnOf.get(e.event_id);
        return txn?.token === token ? { ...e, unsigned: { ...e.unsigned, transaction_id: txn.txnId } } : e;
      });
    }
    return body;
  }
}

const PUBLIC = /^(?:\/_matrix\/client\/versions|\/login)$/;

function bearer(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return url.searchParams.get('access_token') ?? undefined;
}

/** The route name faults are keyed by: `send`, `sync`, `join`, `leave`, `login`, ... */
function handlerName(path: string): string {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'rooms' && parts.length >= 3) return parts[2];
  return parts[0] ?? '';
}

function timelineLimit(filter: string | null, filters: Map<string, unknown>): number {
  let definition: unknown;
  if (filter?.startsWith('{')) definition = JSON.parse(filter);
  else if (filter) definition = filters.get(filter);
  const limit = (definition as { room?: { timeline?: { limit?: number } } } | undefined)?.room?.timeline?.limit;
  return typeof limit === 'number' ? limit : 10;
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
