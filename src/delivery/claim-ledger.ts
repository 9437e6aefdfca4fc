import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { HandoffResult } from '../core/handoff.js';

/**
 * claimed: being handed to a live connection, outcome unknown yet; sent: handed over; failed: claimed and then the
 * network failed, or it could not be handed over at all (no adapter, a muted room); dropped: never sent (too late);
 * interrupted: the process stopped between hand-over and hearing back (not sent again).
 */
export type ClaimState = 'claimed' | 'sent' | 'failed' | 'dropped' | 'interrupted';

export interface Claim {
  /** What is promised: a reminder's key, a post's identity. */
  key: string;
  /** Where it goes: `irc:#rdo`, `dm:irc:alice`. */
  target: string;
  /** When it was due (epoch ms), for messages that have a time; null for the others (announcements). */
  due: number | null;
  /** A word for people reading logs (an announced post's title). */
  note: string | null;
  state: ClaimState;
}

/**
 * The ledger's table, as upgrade step 2 of reminders.sqlite and announcements.sqlite created it. Frozen: a change to
 * it is a new upgrade step in each store, never an edit here.
 */
export const CLAIMS_TABLE_V1 = `
  CREATE TABLE IF NOT EXISTS claims (
    key TEXT NOT NULL,
    target TEXT NOT NULL,
    due INTEGER,
    note TEXT,
    state TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (key, target)
  );
  CREATE INDEX IF NOT EXISTS claims_due ON claims (due);
  CREATE INDEX IF NOT EXISTS claims_state ON claims (state);`;

/**
 * Every promised message (a reminder, an announcement, an action-item reminder) claimed → sent → marked in one table:
 * a claim is a row inserted, which only one caller can do, taken at the instant an adapter hands the message to a live
 * connection and marked right after. So nothing is sent twice, whatever restarts, re-plans or clock jumps happen, and
 * one still queued when the process dies has no row and is due again. The database is the store's (its file, its
 * schema version); the ledger only owns the `claims` table in it.
 */
export class ClaimLedger {
  private readonly statements = new Map<string, StatementSync>();

  constructor(private readonly db: DatabaseSync) {}

  private sql(text: string): StatementSync {
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.db.prepare(text)));
    return s;
  }

  private insert(state: ClaimState, key: string, target: string, now: number, due: number | null, note: string | null): boolean {
    return this.sql('INSERT OR IGNORE INTO claims (key, target, due, note, state, at) VALUES (?, ?, ?, ?, ?, ?)').run(key, target, due, note, state, now).changes === 1;
  }

  /** Take the right to send; false when it was taken before (now, or before a crash or restart). */
  claim(key: string, target: string, now: number, due: number | null = null, note: string | null = null): boolean {
    return this.insert('claimed', key, target, now, due, note);
  }

  /** Record one that will never be sent (dropped: too late; failed: could not be handed over); false when handled before. */
  record(state: 'dropped' | 'failed', key: string, target: string, now: number, due: number | null = null, note: string | null = null): boolean {
    return this.insert(state, key, target, now, due, note);
  }

  mark(key: string, target: string, state: ClaimState, now: number): void {
    this.sql('UPDATE claims SET state = ?, at = ? WHERE key = ? AND target = ?').run(state, now, key, target);
  }

  /** Forget a claim, so it may be sent again (at-least-once after a crash). */
  release(key: string, target: string): void {
    this.sql('DELETE FROM claims WHERE key = ? AND target = ?').run(key, target);
  }

  /** Handled before, to any target (a reminder's key names its target already). */
  handled(key: string): boolean {
    return this.sql('SELECT 1 FROM claims WHERE key = ?').get(key) !== undefined;
  }

  /** Claimed but never marked: the process stopped between handing it over and hearing back. */
  unfinished(): Claim[] {
    return this.sql("SELECT key, target, due, note, state FROM claims WHERE state = 'claimed' ORDER BY due, key").all() as unknown as Claim[];
  }

  rows(state?: ClaimState): Claim[] {
    const columns = 'SELECT key, target, due, note, state FROM claims';
    return (state ? this.sql(`${columns} WHERE state = ? ORDER BY due, key`).all(state) : this.sql(`${columns} ORDER BY due, key`).all()) as unknown as Claim[];
  }

  count(state: ClaimState): number {
    return (this.sql('SELECT COUNT(*) AS n FROM claims WHERE state = ?').get(state) as { n: number }).n;
  }

  /** Rows of messages due long ago are of no more use. */
  prune(dueBefore: number): void {
    this.sql('DELETE FROM claims WHERE due < ?').run(dueBefore);
  }
}

/** What became of a hand-over, as the ledger recorded it: `refused` is recorded as failed, but said apart. */
export type Settled = HandoffResult['outcome'];

/**
 * The one outcome switch: how each end of a hand-over (src/core/handoff.ts) is written into the ledger. sent and
 * failed mark the claim; refused records a failure (nothing was claimed); skipped (declined at the claim) and aborted
 * (stopped first: due again at the next start) leave it as it is.
 */
export function settle(ledger: ClaimLedger, claim: Omit<Claim, 'state'>, result: HandoffResult, now: number): Settled {
  switch (result.outcome) {
    case 'sent':
    case 'failed':
      ledger.mark(claim.key, claim.target, result.outcome, now);
      break;
    case 'refused':
      ledger.record('failed', claim.key, claim.target, now, claim.due, claim.note);
      break;
    case 'skipped':
    case 'aborted':
      break;
  }
  return result.outcome;
}
