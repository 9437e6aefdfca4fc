import type { DatabaseSync } from 'node:sqlite';
import type { Message } from '../../core/types.js';
import { personalTarget, personKey } from '../../state/users-db.js';
import type { Subscription } from './config.js';

/**
 * People's own meeting reminders (`!meeting subscribe`), kept per verified identity. The scheduler plans them like
 * a channel's, with the person's private conversation (`dm:<network>:<id>`) as the target, so they share the
 * reminder store and its exactly-once rules.
 */
export class PersonalSubscriptions {
  constructor(private readonly db: DatabaseSync) {}

  /** False when they were subscribed already. */
  add(message: Message, meeting: string, now: number): boolean {
    const who = personKey(message.network, message.user.id);
    return this.db.prepare('INSERT OR IGNORE INTO subscriptions (who, meeting, at) VALUES (?, ?, ?)').run(who, meeting, now).changes === 1;
  }

  /** How many were removed; `meeting` undefined removes them all. */
  remove(message: Message, meeting?: string): number {
    const who = personKey(message.network, message.user.id);
    const result = meeting === undefined
      ? this.db.prepare('DELETE FROM subscriptions WHERE who = ?').run(who)
      : this.db.prepare('DELETE FROM subscriptions WHERE who = ? AND meeting = ?').run(who, meeting);
    return Number(result.changes);
  }

  of(message: Message): string[] {
    const rows = this.db.prepare('SELECT meeting FROM subscriptions WHERE who = ? ORDER BY meeting').all(personKey(message.network, message.user.id)) as { meeting: string }[];
    return rows.map((r) => r.meeting);
  }

  /** Everyone's, as reminder subscriptions: one per person, with their meetings. */
  subscriptions(): Subscription[] {
    const rows = this.db
      .prepare('SELECT s.who, s.meeting, z.zone FROM subscriptions s LEFT JOIN user_zones z ON z.who = s.who ORDER BY s.who, s.meeting')
      .all() as { who: string; meeting: string; zone: string | null }[];
    const byWho = new Map<string, { meetings: string[]; zone?: string }>();
    for (const r of rows) {
      const entry = byWho.get(r.who) ?? { meetings: [], ...(r.zone ? { zone: r.zone } : {}) };
      entry.meetings.push(r.meeting);
      byWho.set(r.who, entry);
    }
    return [...byWho].map(([who, { meetings, zone }]) => {
      const colon = who.indexOf(':');
      return { target: personalTarget(who.slice(0, colon), who.slice(colon + 1)), meetings, testdays: false, ...(zone ? { zone } : {}) };
    });
  }
}
