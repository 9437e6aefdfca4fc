import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { openStateDb } from '../../base/sqlite.js';

/**
 * claimed: being handed to a live connection, outcome unknown yet; interrupted: the process died in that instant (not
 * resent); failed: claimed and then the network failed, or it could not be handed over at all (no adapter, muted room).
 */
export type ReminderState = 'claimed' | 'sent' | 'failed' | 'dropped' | 'interrupted';

export interface ReminderRow {
  key: string;
  target: string;
  due: number;
  state: ReminderState;
}

/**
 * Its schema versions (src/base/migrations.ts): step 1 is the schema from before files had versions; add steps at the
 * end, never edit one that has shipped.
 */
export const REMINDER_STEPS = [
  `
  CREATE TABLE IF NOT EXISTS reminders (
    key TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    due INTEGER NOT NULL,
    state TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS reminders_due ON reminders (due);
  CREATE TABLE IF NOT EXISTS reminder_channels (target TEXT PRIMARY KEY, enabled INTEGER NOT NULL, at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS reminder_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

/**
 * Which reminders were handled, on disk (node:sqlite). A reminder is claimed (a row inserted, which only one caller
 * can do) at the instant an adapter hands it to a live connection and marked sent right after, so nothing is sent
 * twice, whatever restarts, re-plans or clock jumps happen; one still waiting in a queue has no row and stays due. WAL with synchronous=NORMAL: a commit survives the process dying at any
 * point (the failure this store is about); only a power cut may lose the last commits. Also keeps the channels' on/off choices and how far the scheduler got.
 */
export class ReminderStore {
  private readonly db: DatabaseSync;
  private readonly insert: StatementSync;
  private readonly has: StatementSync;
  private readonly saveCursor: StatementSync;
  private readonly update: StatementSync;

  constructor(readonly file: string) {
    this.db = openStateDb(file, { steps: REMINDER_STEPS, holds: 'the record of reminders sent (some could be sent twice)', pragmas: 'PRAGMA synchronous = NORMAL;' });
    this.insert = this.db.prepare('INSERT OR IGNORE INTO reminders (key, target, due, state, at) VALUES (?, ?, ?, ?, ?)');
    this.has = this.db.prepare('SELECT 1 FROM reminders WHERE key = ?');
    this.update = this.db.prepare('UPDATE reminders SET state = ?, at = ? WHERE key = ?');
    this.saveCursor = this.db.prepare("INSERT INTO reminder_meta (name, value) VALUES ('cursor', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value");
  }

  /** Take the right to send a reminder; false when it was taken before (now, or before a crash or restart). */
  claim(key: string, target: string, due: number, now: number): boolean {
    return this.insert.run(key, target, due, 'claimed', now).changes === 1;
  }

  /** Record a reminder that will never be sent (too late); false when it was handled before. */
  drop(key: string, target: string, due: number, now: number): boolean {
    return this.insert.run(key, target, due, 'dropped', now).changes === 1;
  }

  /** Record a reminder that could not be handed over at all (no adapter, a muted room); false when handled before. */
  fail(key: string, target: string, due: number, now: number): boolean {
    return this.insert.run(key, target, due, 'failed', now).changes === 1;
  }

  mark(key: string, state: ReminderState, now: number): void {
    this.update.run(state, now, key);
  }

  /** Forget a claim, so the reminder may be sent again (at-least-once after a crash). */
  release(key: string): void {
    this.db.prepare('DELETE FROM reminders WHERE key = ?').run(key);
  }

  handled(key: string): boolean {
    return this.has.get(key) !== undefined;
  }

  /** Claimed but never marked: the process stopped between handing the reminder over and hearing back. */
  unfinished(): ReminderRow[] {
    return this.db.prepare("SELECT key, target, due, state FROM reminders WHERE state = 'claimed'").all() as unknown as ReminderRow[];
  }

  rows(state?: ReminderState): ReminderRow[] {
    const sql = 'SELECT key, target, due, state FROM reminders' + (state ? ' WHERE state = ?' : '') + ' ORDER BY due, key';
    const stmt = this.db.prepare(sql);
    return (state ? stmt.all(state) : stmt.all()) as unknown as ReminderRow[];
  }

  count(state: ReminderState): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM reminders WHERE state = ?').get(state) as { n: number }).n;
  }

  /** Rows for reminders due long ago are of no more use. */
  prune(before: number): void {
    this.db.prepare('DELETE FROM reminders WHERE due < ?').run(before);
  }

  /** How far (epoch ms) the scheduler has handled due reminders: none due before it is left unclaimed. */
  cursor(): number | undefined {
    const row = this.db.prepare("SELECT value FROM reminder_meta WHERE name = 'cursor'").get() as { value: string } | undefined;
    return row ? Number(row.value) : undefined;
  }

  setCursor(at: number): void {
    this.saveCursor.run(String(at));
  }

  /** The channels' own `!meeting remind on|off` choices. */
  toggles(): Map<string, boolean> {
    const rows = this.db.prepare('SELECT target, enabled FROM reminder_channels').all() as { target: string; enabled: number }[];
    return new Map(rows.map((r) => [r.target, r.enabled === 1]));
  }

  setToggle(target: string, on: boolean, now: number): void {
    this.db
      .prepare('INSERT INTO reminder_channels (target, enabled, at) VALUES (?, ?, ?) ON CONFLICT(target) DO UPDATE SET enabled = excluded.enabled, at = excluded.at')
      .run(target, on ? 1 : 0, now);
  }

  close(): void {
    this.db.close();
  }
}
