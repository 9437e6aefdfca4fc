import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { openStateDb } from '../base/sqlite.js';
import { CLAIMS_TABLE_V1, ClaimLedger } from '../delivery/claim-ledger.js';

export type AnnounceState = 'baseline' | 'claimed' | 'sent' | 'failed';

/**
 * Its schema versions (src/base/migrations.ts): add steps at the end, never edit one that has shipped. 1: the schema
 * from before files had versions; 2: the announcements' claims move into the one claim ledger (src/delivery), and
 * `announcements` keeps the posts known without being announced (target '*').
 */
export const ANNOUNCE_STEPS = [
  `
  CREATE TABLE IF NOT EXISTS announce_sources (root TEXT PRIMARY KEY, first_seen TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS announcements (
    identity TEXT NOT NULL,
    target TEXT NOT NULL,
    state TEXT NOT NULL,
    title TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (identity, target)
  );`,
  `${CLAIMS_TABLE_V1}
  INSERT OR IGNORE INTO claims (key, target, due, note, state, at)
    SELECT identity, target, NULL, title, state, COALESCE(CAST(strftime('%s', at) AS INTEGER) * 1000, 0) FROM announcements WHERE target <> '*';
  DELETE FROM announcements WHERE target <> '*';`,
];

/**
 * What has been announced where, on disk. A post is claimed for a target in the claim ledger (src/delivery) at the
 * instant it is handed to a live connection and marked sent right after, so a restart never announces it again;
 * sources seen for the first time are recorded as a baseline, so their back catalogue is never announced.
 */
export class AnnounceStore {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly claims: ClaimLedger;

  constructor(readonly file: string) {
    this.db = openStateDb(file, { steps: ANNOUNCE_STEPS, holds: 'the record of posts announced (recent posts could be announced again)' });
    this.claims = new ClaimLedger(this.db);
  }

  /** Statements are prepared once: a start over ten thousand posts asks about each of them. */
  private sql(text: string): StatementSync {
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.db.prepare(text)));
    return s;
  }

  /** True the first time a source root is seen (and remembers it). */
  firstSight(root: string, now: Date): boolean {
    return this.sql('INSERT OR IGNORE INTO announce_sources (root, first_seen) VALUES (?, ?)').run(root, now.toISOString()).changes === 1;
  }

  /** Record a post as already known, without announcing it. */
  baseline(identity: string, title: string, now: Date): void {
    this.sql("INSERT OR IGNORE INTO announcements (identity, target, state, title, at) VALUES (?, '*', 'baseline', ?, ?)").run(identity, title, now.toISOString());
  }

  /** Record many posts as known in one transaction (a new source's back catalogue: one disk sync, not one per post). */
  baselineAll(posts: { identity: string; title: string }[], now: Date): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const p of posts) this.baseline(p.identity, p.title, now);
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  known(identity: string): boolean {
    return this.sql("SELECT 1 FROM announcements WHERE identity = ? AND target = '*'").get(identity) !== undefined;
  }

  /** The claims of announcements: a post's identity to one target, with its title as the note. */
  get ledger(): ClaimLedger {
    return this.claims;
  }

  count(state: AnnounceState): number {
    if (state === 'baseline') return (this.sql("SELECT COUNT(*) AS n FROM announcements WHERE state = 'baseline'").get() as { n: number }).n;
    return this.claims.count(state);
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
