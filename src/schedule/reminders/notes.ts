import type { DatabaseSync } from 'node:sqlite';
import type { DateTime } from 'luxon';
import type { Message } from '../../core/types.js';
import { personalTarget, personKey } from '../../state/users-db.js';
import { noteReply } from './message.js';
import type { PlannedReminder } from './plan.js';

/** A one-off reminder (`!remind me`): what, for whom, when. */
export interface Note {
  id: number;
  who: string;
  due: number;
  text: string;
  /** The asker's zone when they asked, for the times the reminder shows. */
  zone: string;
  /** When it was asked. */
  at: number;
}

/** A late one-off reminder is still worth sending up to a day after its time (the bot was down, say). */
export const NOTE_GRACE_MS = 24 * 3_600_000;

/**
 * One-off reminders, persisted in the per-person store. Each is planned as a reminder to the person's private
 * conversation, keyed by its id, so the reminder store sends it once across restarts.
 */
export class Notes {
  constructor(private readonly db: DatabaseSync) {}

  add(message: Message, due: number, text: string, zone: string, now: number): Note {
    const who = personKey(message.network, message.user.id);
    const result = this.db.prepare('INSERT INTO notes (who, due, text, zone, at) VALUES (?, ?, ?, ?, ?)').run(who, due, text, zone, now);
    return { id: Number(result.lastInsertRowid), who, due, text, zone, at: now };
  }

  /** The asker's reminders still to come, soonest first. */
  pending(message: Message, now: number): Note[] {
    return this.db.prepare('SELECT * FROM notes WHERE who = ? AND due > ? ORDER BY due, id').all(personKey(message.network, message.user.id), now) as unknown as Note[];
  }

  /** False when the asker has no reminder with this id. */
  cancel(message: Message, id: number): boolean {
    return this.db.prepare('DELETE FROM notes WHERE who = ? AND id = ?').run(personKey(message.network, message.user.id), id).changes > 0;
  }

  /** The zone the person reads times in now (`!tz set`), if they set one. */
  zoneOf(who: string): string | undefined {
    return (this.db.prepare('SELECT zone FROM user_zones WHERE who = ?').get(who) as { zone: string } | undefined)?.zone;
  }

  between(from: number, to: number): Note[] {
    return this.db.prepare('SELECT * FROM notes WHERE due >= ? AND due < ? ORDER BY due, id').all(from, to) as unknown as Note[];
  }

  /** Reminders long past are of no more use (the reminder store remembers which were sent). */
  prune(before: number): void {
    this.db.prepare('DELETE FROM notes WHERE due < ?').run(before);
  }
}

/** The one-off reminders due in [from, to), as planned reminders to each asker's private conversation. */
export function planNotes(notes: Notes, from: number, to: number): PlannedReminder[] {
  return notes.between(from, to).map((note) => {
    const colon = note.who.indexOf(':');
    const target = personalTarget(note.who.slice(0, colon), note.who.slice(colon + 1));
    return {
      key: `note:${note.id}>${target}`,
      target,
      due: note.due,
      leadMinutes: 0,
      graceMs: NOTE_GRACE_MS,
      subject: { kind: 'note', title: note.text, reply: (now: DateTime) => noteReply(note, now, notes.zoneOf(note.who) ?? note.zone) },
    };
  });
}
