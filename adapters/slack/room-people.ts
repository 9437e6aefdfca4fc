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
/** How long the first line of a channel waits for its member list (once per channel): a command is not kept waiting. */
export const FIRST_WAIT_MS = 2_000;
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
   * The channel's people by name, as a function a message carries (read when an #action asks, so names that arrive
   * later are there). The first time a channel is seen, its member list is waited for, at most FIRST_WAIT_MS; their
   * names follow behind it. Later an old list is given at once and refreshed behind it.
   */
  async of(channel: string): Promise<() => string[]> {
    let room = this.rooms.get(channel);
    if (!room) {
      room = { people: new Map(), at: 0 };
      this.keep(channel, room);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.load(channel, room), new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_WAIT_MS)))]);
      clearTimeout(timer);
    } else if (this.source.now() - room.at > ROOM_PEOPLE_TTL_MS) void this.load(channel, room);
    const known = room;
    return () => [...new Set(known.people.values())];
  }

  /** The user id of the channel's member going by this name, once named (an #action owner's identity). */
  idOf(channel: string, name: string): string | undefined {
    const wanted = name.toLowerCase();
    for (const [id, named] of this.rooms.get(channel)?.people ?? []) if (named.toLowerCase() === wanted) return id;
    return undefined;
  }

  /** Until the channel's people are all named (for tests and a graceful stop). */
  async settled(channel: string): Promise<void> {
    await this.rooms.get(channel)?.loading;
  }

  /** member_joined_channel: named now if the channel is kept. */
  async joined(channel: string, user: string): Promise<void> {
    const room = this.rooms.get(channel);
    if (!room || room.people.has(user) || room.people.size >= MAX_NAMED) return;
    const name = await this.source.name(user);
    if (name && name !== user) room.people.set(user, name);
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

  /** Read the member list, then name them (into the room as each name arrives); resolves once the list is read. */
  private load(channel: string, room: Room): Promise<void> {
    let listed!: () => void;
    const list = new Promise<void>((resolve) => (listed = resolve));
    if (room.loading) return room.loading;
    room.loading = (async () => {
      try {
        const ids: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < MAX_MEMBERS / PAGE; pages++) {
          const page = await this.source.members(channel, cursor);
          ids.push(...page.members.slice(0, MAX_MEMBERS - ids.length));
          cursor = page.next || undefined;
          if (!cursor || ids.length >= MAX_MEMBERS) break;
        }
        const named = ids.slice(0, MAX_NAMED);
        // Who left since the last reading goes; a name is kept while they stay, so a refresh names only newcomers.
        const staying = new Set(named);
        for (const id of [...room.people.keys()]) if (!staying.has(id)) room.people.delete(id);
        listed();
        const unnamed = named.filter((id) => !room.people.has(id));
        for (let i = 0; i < unnamed.length; i += AT_ONCE) {
          const part = unnamed.slice(i, i + AT_ONCE);
          const names = await Promise.all(part.map((id) => this.source.name(id)));
          // Someone users.info could not name is left out: an id is no name anyone types.
          names.forEach((name, j) => name && name !== part[j] && room.people.size < MAX_NAMED && room.people.set(part[j], name));
        }
      } catch (error) {
        this.source.failed(channel, error);
      } finally {
        listed();
        room.at = this.source.now();
        room.loading = undefined;
      }
    })();
    return list;
  }
}
