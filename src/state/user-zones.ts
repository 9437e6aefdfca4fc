import type { DatabaseSync } from 'node:sqlite';
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

  constructor(private readonly db: DatabaseSync) {}

  get(message: Message): { zone: string; scope: ZoneScope } | undefined {
    const key = personKey(message.network, message.user.id);
    if (!message.user.verified) {
      const zone = this.session.get(key);
      return zone ? { zone, scope: 'session' } : undefined;
    }
    const row = this.db.prepare('SELECT zone FROM user_zones WHERE who = ?').get(key) as { zone: string } | undefined;
    return row ? { zone: row.zone, scope: 'stored' } : undefined;
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
    return 'stored';
  }

  /** True when there was a zone to forget. */
  clear(message: Message): boolean {
    const key = personKey(message.network, message.user.id);
    if (!message.user.verified) return this.session.delete(key);
    return this.db.prepare('DELETE FROM user_zones WHERE who = ?').run(key).changes > 0;
  }

  /** A stored zone by key (`irc:alice`), for messages sent to a person outside a conversation (reminders). */
  byKey(key: string): string | undefined {
    const row = this.db.prepare('SELECT zone FROM user_zones WHERE who = ?').get(key) as { zone: string } | undefined;
    return row?.zone ?? this.session.get(key);
  }
}
