import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Message } from '../core/types.js';
import { personKey } from './users-db.js';

export type ZoneScope = 'stored' | 'session';

/**
 * Each person's own time zone (`!tz set`). A verified identity's zone is stored; a nick the network could not
 * verify (IRC without a services account) gets it for this run of the bot only, since anyone may take that nick
 * next.
 */
export class UserZones {
  private readonly session = new Map<string, string>();
  /**
   * Stored zones already looked up (null: none), since the zone is wanted for every command and a database read costs
   * more than answering one. Only this process writes them (one bot per data directory), through set() and clear().
   */
  private readonly known = new Map<string, string | null>();
  private readonly lookup: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.lookup = db.prepare('SELECT zone FROM user_zones WHERE who = ?');
  }

  get(message: Message): { zone: string; scope: ZoneScope } | undefined {
    const key = personKey(message.network, message.user.id);
    if (!message.user.verified) {
      const zone = this.session.get(key);
      return zone ? { zone, scope: 'session' } : undefined;
    }
    const zone = this.stored(key);
    return zone ? { zone, scope: 'stored' } : undefined;
  }

  private stored(key: string): string | null {
    let zone = this.known.get(key);
    if (zone === undefined) {
      zone = (this.lookup.get(key) as { zone: string } | undefined)?.zone ?? null;
      if (this.known.size >= KNOWN_AT_MOST) this.known.clear();
      this.known.set(key, zone);
    }
    return zone;
  }

  set(message: Message, zone: string, now: number): ZoneScope {
    const key = personKey(message.network, message.user.id);
    if (!message.user.verified) {
      this.session.set(key, zone);
      return 'session';
    }
    this.db
      .prepare('INSERT INTO user_zones (who, zone, at) VALUES (?, ?, ?) ON CONFLICT(who) DO UPDATE SET zone = excluded.zone, at = excluded.at')
      .run(key, zone, now);
    this.known.set(key, zone);
    return 'stored';
  }

  /** True when there was a zone to forget. */
  clear(message: Message): boolean {
    const key = personKey(message.network, message.user.id);
    if (!message.user.verified) return this.session.delete(key);
    this.known.delete(key);
    return this.db.prepare('DELETE FROM user_zones WHERE who = ?').run(key).changes > 0;
  }

  /** A stored zone by key (`irc:alice`), for messages sent to a person outside a conversation (reminders). */
  byKey(key: string): string | undefined {
    return this.stored(key) ?? this.session.get(key);
  }
}

/** People whose zone is remembered in memory; past that the memory starts again (a flood of new identities). */
const KNOWN_AT_MOST = 10_000;
