/**
 * The people of Slack channels by name, for a meeting's `#action` owners who have not spoken yet: a channel's members
 * (conversations.members) named as users.info names them. Fetched once per channel, then kept by member_joined_channel
 * and member_left_channel events and fetched again in the background when old. Every part is bounded: channels kept,
 * members read, members named, names asked at once.
 */
export const MAX_CHANNELS = 200;
export const MAX_MEMBERS = 1_000;
/** Members named (users.info) per channel: the rest are left out rather than costing hundreds of calls. */
export const MAX_NAMED = 300;
/** Members asked per page (conversations.members' limit). */
export const PAGE = 200;
const AT_ONCE = 8;
export const ROOM_PEOPLE_TTL_MS = 30 * 60 * 1000;

export interface RoomPeopleSource {
  /** One page of a channel's member ids (conversations.members). */
  members(channel: string, cursor: string | undefined): Promise<{ members: string[]; next?: string }>;
  /** A user's display name (users.info, cached by the adapter). */
  name(user: string): Promise<string>;
  now(): number;
  /** A fetch failed (no channels:read / groups:read scope, Slack unreachable): logged, and the channel has no one. */
  failed(channel: string, error: unknown): void;
}

interface Room {
  /** user id → name. */
  people: Map<string, string>;
  at: number;
  loading?: Promise<void>;
}

export class SlackRoomPeople {
  private readonly rooms = new Map<string, Room>();

  constructor(private readonly source: RoomPeopleSource) {}

  /**
   * The channel's people by name, as a function a message carries. The first time a channel is seen the fetch is
   * waited for (once); later an old list is given at once and refreshed behind it.
   */
  async of(channel: string): Promise<() => string[]> {
    let room = this.rooms.get(channel);
    if (!room) {
      room = { people: new Map(), at: 0 };
      this.keep(channel, room);
      await this.load(channel, room);
    } else if (this.source.now() - room.at > ROOM_PEOPLE_TTL_MS) void this.load(channel, room);
    const known = room;
    return () => [...new Set(known.people.values())];
  }

  /** member_joined_channel: named now if the channel is kept. */
  async joined(channel: string, user: string): Promise<void> {
    const room = this.rooms.get(channel);
    if (!room || room.people.has(user) || room.people.size >= MAX_NAMED) return;
    room.people.set(user, await this.source.name(user));
  }

  /** member_left_channel. */
  left(channel: string, user: string): void {
    this.rooms.get(channel)?.people.delete(user);
  }

  private keep(channel: string, room: Room): void {
    this.rooms.set(channel, room);
    // The channel seen longest ago goes first.
    while (this.rooms.size > MAX_CHANNELS) this.rooms.delete(this.rooms.keys().next().value!);
  }

  private load(channel: string, room: Room): Promise<void> {
    room.loading ??= (async () => {
      try {
        const ids: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < MAX_MEMBERS / PAGE; pages++) {
          const page = await this.source.members(channel, cursor);
          ids.push(...page.members.slice(0, MAX_MEMBERS - ids.length));
          cursor = page.next || undefined;
          if (!cursor || ids.length >= MAX_MEMBERS) break;
        }
        const people = new Map<string, string>();
        const named = ids.slice(0, MAX_NAMED);
        for (let i = 0; i < named.length; i += AT_ONCE) {
          // A refresh names again only the members it did not know: a name is kept while they stay.
          const names = await Promise.all(named.slice(i, i + AT_ONCE).map((id) => room.people.get(id) ?? this.source.name(id)));
          // Someone users.info could not name is left out: an id is no name anyone types.
          names.forEach((name, j) => name && name !== named[i + j] && people.set(named[i + j], name));
        }
        room.people = people;
      } catch (error) {
        this.source.failed(channel, error);
      } finally {
        room.at = this.source.now();
        room.loading = undefined;
      }
    })();
    return room.loading;
  }
}
