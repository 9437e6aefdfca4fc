import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { openStateDb } from '../base/sqlite.js';

export type AnnounceState = 'baseline' | 'claimed' | 'sent' | 'failed';

/**
 * Its schema versions (src/base/migrations.ts): step 1 is the schema from before files had versions; add steps at the
 * end, never edit one that has shipped.
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
];

/**
 * What has been announced where, on disk. A post is claimed for a target at the instant it is handed to a live
 * connection and marked sent right after, so a restart never announces it again; sources seen for the first time are recorded as a
 * baseline, so their back catalogue is never announced.
 */
export class AnnounceStore {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  constructor(readonly file: string) {
    this.db = openStateDb(file, { steps: ANNOUNCE_STEPS, holds: 'the record of posts announced (recent posts could be announced again)' });
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

  /** Take the right to announce a post to one target; false when it was taken before (by us, or before a crash). */
  claim(identity: string, target: string, title: string, now: Date): boolean {
    return this.sql("INSERT OR IGNORE INTO announcements (identity, target, state, title, at) VALUES (?, ?, 'claimed', ?, ?)").run(identity, target, title, now.toISOString()).changes === 1;
  }

  /** Record that a post could not be handed to a target at all (no adapter, a muted room); false when handled before. */
  fail(identity: string, target: string, title: string, now: Date): boolean {
    return this.db.prepare("INSERT OR IGNORE INTO announcements (identity, target, state, title, at) VALUES (?, ?, 'failed', ?, ?)").run(identity, target, title, now.toISOString()).changes === 1;
  }

  mark(identity: string, target: string, state: AnnounceState, now: Date): void {
    this.sql('UPDATE announcements SET state = ?, at = ? WHERE identity = ? AND target = ?').run(state, now.toISOString(), identity, target);
  }

  /** Claimed but never marked: the bot stopped between handing it over and hearing back. */
  unfinished(): { identity: string; target: string; title: string }[] {
    return this.db.prepare("SELECT identity, target, title FROM announcements WHERE state = 'claimed'").all() as { identity: string; target: string; title: string }[];
  }

  count(state: AnnounceState): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM announcements WHERE state = ?').get(state) as { n: number }).n;
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
