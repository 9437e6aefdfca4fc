import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openStateDb } from '../base/sqlite.js';

/**
 * What the bot keeps per person, in `RDOBOT_DATA_DIR/users.sqlite` (in memory without a data dir: one-shot mode,
 * tests). People are keyed by verified identity, `network:id` (irc:<services account>, matrix:@u:server,
 * slack:T1/U2), never by a display name.
 */
/**
 * Its schema versions (src/base/migrations.ts): step 1 is the schema from before files had versions. To change it, add
 * a step at the end of this list; never edit one that has shipped.
 */
export const USERS_STEPS = [
  `
  CREATE TABLE IF NOT EXISTS user_zones (who TEXT PRIMARY KEY, zone TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS subscriptions (
    who TEXT NOT NULL,
    meeting TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (who, meeting)
  );
  CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    who TEXT NOT NULL,
    due INTEGER NOT NULL,
    text TEXT NOT NULL,
    zone TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS notes_due ON notes (due);
  CREATE TABLE IF NOT EXISTS addresses (who TEXT PRIMARY KEY, name TEXT NOT NULL, at INTEGER NOT NULL);`,
];

export function openUsersDb(dataDir?: string): DatabaseSync {
  return openStateDb(dataDir ? join(dataDir, 'users.sqlite') : ':memory:', {
    steps: USERS_STEPS,
    holds: "people's time zones, subscriptions and reminders",
    pragmas: 'PRAGMA synchronous = NORMAL;',
  });
}

/** The key a person's state is stored under. */
export const personKey = (network: string, id: string): string => `${network}:${id}`;

/** Where a person's private messages go: `dm:irc:alice`, `dm:matrix:@bob:example.org`, `dm:slack:T1/U2`. */
export const personalTarget = (network: string, id: string): string => `dm:${network}:${id}`;

/** `dm:<network>:<id>` back into its parts; null for a channel target. */
export function parsePersonalTarget(target: string): { network: string; id: string } | null {
  const m = /^dm:([a-z]+):(.+)$/.exec(target);
  return m ? { network: m[1], id: m[2] } : null;
}
