import type { DatabaseSync } from 'node:sqlite';
import type { Message } from '../core/types.js';
import { personKey } from './users-db.js';

/**
 * The name each person was last seen under (an IRC nick, a display name), kept with their identity so a private
 * reminder can find them: on IRC a services account is reached through whatever nick holds it, and the last one
 * seen is the best guess when none is in sight.
 */
export class Addresses {
  constructor(private readonly db: DatabaseSync) {}

  remember(message: Message, now: number): void {
    this.db
      .prepare('INSERT INTO addresses (who, name, at) VALUES (?, ?, ?) ON CONFLICT(who) DO UPDATE SET name = excluded.name, at = excluded.at')
      .run(personKey(message.network, message.user.id), message.user.name, now);
  }

  nameOf(network: string, id: string): string | undefined {
    return (this.db.prepare('SELECT name FROM addresses WHERE who = ?').get(personKey(network, id)) as { name: string } | undefined)?.name;
  }
}
