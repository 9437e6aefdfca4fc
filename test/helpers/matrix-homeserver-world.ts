/**
 * The data behind the homeserver stand-in: users, rooms, one ordered event stream and
 * the /sync view of it for one user. No HTTP here (see matrix-homeserver.ts).
 */
import { HomeserverKeys } from './matrix-homeserver-keys.js';

export interface HsEvent {
  event_id: string;
  type: string;
  sender: string;
  room_id: string;
  origin_server_ts: number;
  content: Record<string, unknown>;
  state_key?: string;
  unsigned?: Record<string, unknown>;
}

export interface HsRoom {
  id: string;
  aliases: string[];
  /** Current state by `type\u0000state_key`. */
  state: Map<string, HsEvent>;
  events: HsEvent[];
}

interface StreamEntry {
  pos: number;
  event: HsEvent;
}

export interface JoinedRoomSync {
  timeline: { events: HsEvent[]; limited: boolean; prev_batch: string };
  state: { events: HsEvent[] };
  ephemeral: { events: never[] };
  account_data: { events: never[] };
  unread_notifications: Record<string, number>;
  summary: Record<string, unknown>;
}

export interface SyncBody {
  next_batch: string;
  rooms: {
    join: Record<string, JoinedRoomSync>;
    invite: Record<string, { invite_state: { events: Partial<HsEvent>[] } }>;
    leave: Record<string, { timeline: { events: HsEvent[]; limited: boolean }; state: { events: HsEvent[] } }>;
  };
  presence: { events: never[] };
  account_data: { events: { type: string; content: unknown }[] };
  to_device: { events: unknown[] };
  device_lists: { changed: string[]; left: string[] };
  device_one_time_keys_count: Record<string, number>;
  device_unused_fallback_key_types: string[];
}

const stateKey = (type: string, key: string) => `${type}\u0000${key}`;

export class HomeserverWorld {
  readonly users = new Map<string, { password?: string; displayname?: string }>();
  readonly tokens = new Map<string, { userId: string; deviceId: string }>();
  readonly rooms = new Map<string, HsRoom>();
  readonly aliases = new Map<string, string>();
  readonly filters = new Map<string, unknown>();
  /** `user|type` -> account data content (global, not per room); set with setAccountData. */
  readonly accountData = new Map<string, unknown>();
  private readonly accountDataChanges: { pos: number; user: string; type: string }[] = [];
  /** `token|room|txnId` -> event id: a retried PUT with the same transaction id is not a second event. */
  readonly txns = new Map<string, string>();
  /** Device keys, one-time keys, cross-signing keys and to-device messages (end-to-end encryption). */
  readonly keys = new HomeserverKeys(this);
  private readonly stream: StreamEntry[] = [];
  private readonly listeners = new Set<() => void>();
  private counter = 0;
  /** The stream position: room events, to-device messages and device-list changes share it. */
  private pos = 0;

  constructor(readonly serverName: string) {}

  nextId(kind: string): string {
    this.counter += 1;
    return `${kind}${this.counter}`;
  }

  get position(): number {
    return this.pos;
  }

  /** Advance the stream for something that is not a room event (a to-device message, a device-list change). */
  bump(record: (pos: number) => void): void {
    this.pos += 1;
    record(this.pos);
    for (const l of [...this.listeners]) l();
  }

  /** Account data of a user, echoed to their clients in /sync (clients wait for that echo). */
  setAccountData(user: string, type: string, content: unknown): void {
    this.accountData.set(`${user}|${type}`, content);
    this.bump((pos) => this.accountDataChanges.push({ pos, user, type }));
  }

  /** Users who share a joined room with `userId` (themselves included). */
  sharesRoom(userId: string, other: string): boolean {
    if (userId === other) return true;
    return [...this.rooms.keys()].some((id) => this.membership(id, userId) === 'join' && this.membership(id, other) === 'join');
  }

  /** Joined members of a room. */
  members(roomId: string): string[] {
    const room = this.rooms.get(roomId);
    return room ? [...room.state.values()].filter((e) => e.type === 'm.room.member' && e.content.membership === 'join').map((e) => e.state_key!) : [];
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(roomId: string, partial: Omit<HsEvent, 'event_id' | 'room_id' | 'origin_server_ts'> & { origin_server_ts?: number }): HsEvent {
    const room = this.room(roomId);
    if (!room) throw new Error(`no room ${roomId}`);
    const event: HsEvent = {
      ...partial,
      room_id: roomId,
      event_id: `$${this.nextId('ev')}:${this.serverName}`,
      origin_server_ts: partial.origin_server_ts ?? Date.now(),
      unsigned: { age: 0 },
    };
    room.events.push(event);
    if (event.state_key !== undefined) room.state.set(stateKey(event.type, event.state_key), event);
    this.pos += 1;
    this.stream.push({ pos: this.pos, event });
    for (const l of [...this.listeners]) l();
    return event;
  }

  /** A room by id or alias. */
  room(idOrAlias: string): HsRoom | undefined {
    const id = idOrAlias.startsWith('#') ? this.aliases.get(idOrAlias) : idOrAlias;
    return id ? this.rooms.get(id) : undefined;
  }

  stateEvent(roomId: string, type: string, key = ''): HsEvent | undefined {
    return this.rooms.get(roomId)?.state.get(stateKey(type, key));
  }

  membership(roomId: string, userId: string): string | undefined {
    return this.stateEvent(roomId, 'm.room.member', userId)?.content.membership as string | undefined;
  }

  setMembership(roomId: string, sender: string, userId: string, membership: string): HsEvent {
    const displayname = this.users.get(userId)?.displayname;
    return this.append(roomId, {
      type: 'm.room.member',
      sender,
      state_key: userId,
      content: { membership, ...(membership === 'join' && displayname ? { displayname } : {}) },
    });
  }

  /** The /sync body for `userId`: everything after `since`, or a full initial view. */
  sync(userId: string, since: number | undefined, timelineLimit: number, deviceId = ''): SyncBody {
    const body: SyncBody = {
      next_batch: `s${this.position}`,
      rooms: { join: {}, invite: {}, leave: {} },
      presence: { events: [] },
      account_data: { events: [] },
      to_device: { events: [] },
      device_lists: { changed: [], left: [] },
      device_one_time_keys_count: {},
      device_unused_fallback_key_types: [],
    };
    this.keys.fill(body, userId, deviceId, since);
    const types = new Set(this.accountDataChanges.filter((c) => c.user === userId && c.pos > (since ?? 0)).map((c) => c.type));
    body.account_data.events = [...types].map((type) => ({ type, content: this.accountData.get(`${userId}|${type}`) }));
    if (since === undefined) {
      for (const room of this.rooms.values()) {
        const m = this.membership(room.id, userId);
        if (m === 'join') {
          const timeline = timelineLimit > 0 ? room.events.slice(-timelineLimit) : [];
          body.rooms.join[room.id] = this.joined(room, timeline, true, true);
        } else if (m === 'invite') body.rooms.invite[room.id] = this.invited(room);
      }
      return body;
    }
    const touched = new Map<string, HsEvent[]>();
    for (const entry of this.stream.filter((e) => e.pos > since)) {
      const list = touched.get(entry.event.room_id) ?? [];
      list.push(entry.event);
      touched.set(entry.event.room_id, list);
    }
    for (const [roomId, events] of touched) {
      const room = this.rooms.get(roomId)!;
      const m = this.membership(roomId, userId);
      if (m === 'join') {
        const joinedNow = events.some((e) => e.type === 'm.room.member' && e.state_key === userId && e.content.membership === 'join');
        body.rooms.join[roomId] = this.joined(room, events, joinedNow, false);
      } else if (m === 'invite') {
        body.rooms.invite[roomId] = this.invited(room);
      } else if (m === 'leave' || m === 'ban') {
        const mine = events.some((e) => e.type === 'm.room.member' && e.state_key === userId);
        if (mine) body.rooms.leave[roomId] = { timeline: { events, limited: false }, state: { events: [] } };
      }
    }
    return body;
  }

  /** True when a sync body carries nothing for the client (a long poll keeps waiting). */
  static isEmpty(body: SyncBody): boolean {
    const r = body.rooms;
    const rooms = Object.keys(r.join).length + Object.keys(r.invite).length + Object.keys(r.leave).length;
    return rooms + body.to_device.events.length + body.device_lists.changed.length + body.account_data.events.length === 0;
  }

  private joined(room: HsRoom, timeline: HsEvent[], fullState: boolean, limited: boolean): JoinedRoomSync {
    const inTimeline = new Set(timeline.map((e) => e.event_id));
    const state = fullState ? [...room.state.values()].filter((e) => !inTimeline.has(e.event_id)) : [];
    const joined = [...room.state.values()].filter((e) => e.type === 'm.room.member' && e.content.membership === 'join');
    return {
      timeline: { events: timeline, limited, prev_batch: `p${this.position}` },
      state: { events: state },
      ephemeral: { events: [] },
      account_data: { events: [] },
      unread_notifications: { highlight_count: 0, notification_count: 0 },
      summary: { 'm.joined_member_count': joined.length, 'm.invited_member_count': 0 },
    };
  }

  private invited(room: HsRoom): { invite_state: { events: Partial<HsEvent>[] } } {
    const keep = ['m.room.create', 'm.room.name', 'm.room.join_rules', 'm.room.canonical_alias', 'm.room.member'];
    const events = [...room.state.values()]
      .filter((e) => keep.includes(e.type))
      .map(({ type, state_key, sender, content }) => ({ type, state_key, sender, content }));
    return { invite_state: { events } };
  }
}
