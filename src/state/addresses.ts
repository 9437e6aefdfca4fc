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

  /** The name the author of a message goes by now. */
  remember(message: Message, now: number): void {
    this.seen(message.network, message.user.id, message.user.name, now);
  }

  /** A person seen under a name at a time, however they were seen (a message, a meeting's roll). */
  seen(network: string, id: string, name: string, at: number): void {
    this.db
      .prepare('INSERT INTO addresses (who, name, at) VALUES (?, ?, ?) ON CONFLICT(who) DO UPDATE SET name = excluded.name, at = excluded.at')
      .run(personKey(network, id), name, at);
  }

  nameOf(network: string, id: string): string | undefined {
    return (this.db.prepare('SELECT name FROM addresses WHERE who = ?').get(personKey(network, id)) as { name: string } | undefined)?.name;
  }
}
