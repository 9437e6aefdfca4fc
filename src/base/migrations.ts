import type { DatabaseSync } from 'node:sqlite';

/**
 * The ordered upgrade steps of one state file: `steps[i]` takes a file from schema version i to i + 1, and the version
 * is kept in the file itself (`PRAGMA user_version`). Version 0 is a file written before files had versions, or a new
 * one: the first step creates every table IF NOT EXISTS, so it serves both. To change a schema, add one line at the
 * end (`'ALTER TABLE meetings ADD COLUMN topic TEXT'`); never edit a step that has shipped, since files already past it
 * will not run it again.
 */
export type UpgradeSteps = readonly string[];

/** The version a file carries. */
export function schemaVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

/**
 * Bring a file to the newest version, one step at a time, each step and its new version number in one transaction:
 * a crash between steps leaves a file at a version it really has. A file from a newer rdobot is refused (its tables
 * may mean something this one does not know); the message names the file.
 */
export function upgrade(db: DatabaseSync, steps: UpgradeSteps, file: string): number {
  const from = schemaVersion(db);
  if (from > steps.length) {
    throw new NewerSchema(`${file} has schema version ${from}, newer than this rdobot knows (${steps.length}): it was written by a newer rdobot; run that one, or restore an older copy of the file`);
  }
  for (let v = from; v < steps.length; v++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(steps[v]);
      // PRAGMA takes no parameters; v is a number we count ourselves.
      db.exec(`PRAGMA user_version = ${v + 1}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
  return steps.length;
}

/** A file written by a newer rdobot. */
export class NewerSchema extends Error {}
