import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { openStateDb } from '../../base/sqlite.js';
import { CLAIMS_TABLE_V1, ClaimLedger, type ClaimState } from '../../delivery/claim-ledger.js';

export type ReminderState = ClaimState;

export interface ReminderRow {
  key: string;
  target: string;
  due: number;
  state: ReminderState;
}

/**
 * Its schema versions (src/base/migrations.ts): add steps at the end, never edit one that has shipped. 1: the schema
 * from before files had versions; 2: the reminders' claims move into the one claim ledger (src/delivery).
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
  `${CLAIMS_TABLE_V1}
  INSERT OR IGNORE INTO claims (key, target, due, note, state, at) SELECT key, target, due, NULL, state, at FROM reminders;
  DROP TABLE reminders;`,
];

/**
 * Which reminders were handled, on disk (node:sqlite), in the claim ledger (src/delivery/claim-ledger.ts): a reminder
 * is claimed at the instant an adapter hands it to a live connection and marked right after, so nothing is sent twice;
 * one still waiting in a queue has no row and stays due. WAL with synchronous=NORMAL: a commit survives the process
 * dying at any point (the failure this store is about); only a power cut may lose the last commits. Also keeps the
 * channels' on/off choices and how far the scheduler got.
 */
export class ReminderStore {
  private readonly db: DatabaseSync;
  private readonly saveCursor: StatementSync;
  /** The claims of reminders, one-off notes, digests and action-item reminders. */
  readonly ledger: ClaimLedger;

  constructor(readonly file: string) {
    this.db = openStateDb(file, { steps: REMINDER_STEPS, holds: 'the record of reminders sent (some could be sent twice)', pragmas: 'PRAGMA synchronous = NORMAL;' });
    this.ledger = new ClaimLedger(this.db);
    this.saveCursor = this.db.prepare("INSERT INTO reminder_meta (name, value) VALUES ('cursor', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value");
  }

  rows(state?: ReminderState): ReminderRow[] {
    return this.ledger.rows(state).map(({ key, target, due, state }) => ({ key, target, due: due ?? 0, state }));
  }

  count(state: ReminderState): number {
    return this.ledger.count(state);
  }

  /** Rows for reminders due long ago are of no more use. */
  prune(before: number): void {
    this.ledger.prune(before);
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
