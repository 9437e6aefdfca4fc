import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { NewerSchema, upgrade, type UpgradeSteps } from './migrations.js';
import { keeperOf, type StateKeeper } from './state-keeper.js';
import { privateFile, StateError, stateProblem } from './state-files.js';

/** What a state file is: its upgrade steps (src/base/migrations.ts), what it holds (for messages), per-connection pragmas. */
export interface StoreSpec {
  steps: UpgradeSteps;
  /** What is in it, for the advice to move it aside ("people's time zones, subscriptions and reminders"). */
  holds: string;
  /** Settings of the connection, run at every open (`PRAGMA synchronous = NORMAL`). */
  pragmas?: string;
}

/** The file and contents an error of a state database is about, carried on the error for whoever reports it. */
export interface StateErrorTag {
  stateFile: string;
  stateHolds: string;
}

/**
 * A connection that tags every error it throws with its file, so a failure mid-run (a full disk, a file replaced under
 * it) is reported for the file it is about, whichever of the stores it came from.
 */
class StateDb extends DatabaseSync {
  constructor(
    private readonly file: string,
    private readonly holds: string,
    private readonly keeper?: StateKeeper,
  ) {
    super(file);
  }

  /** A store that got its first rows in this run is remembered as holding data when it closes. */
  override close(): void {
    try {
      this.keeper?.closing(this.file, this);
    } catch {
      // Only a note for later; closing goes on.
    }
    super.close();
  }

  private tag<T>(f: () => T): T {
    try {
      return f();
    } catch (err) {
      if (err && typeof err === 'object') Object.assign(err, { stateFile: this.file, stateHolds: this.holds } satisfies StateErrorTag);
      throw err;
    }
  }

  override exec(sql: string): void {
    this.tag(() => super.exec(sql));
  }

  override prepare(sql: string): StatementSync {
    const statement = this.tag(() => super.prepare(sql));
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, { value: (...args: unknown[]) => this.tag(() => original.apply(statement, args)) });
    }
    return statement;
  }
}

/** A store found without a single table where one that held data was. */
class Emptied extends Error {}

const CORRUPT = /not a database|malformed|corrupt/i;

/**
 * A state database under the data dir: private (0600 in a 0700 directory), write-ahead log (readers never wait for the
 * writer), a short busy wait for a second connection, checked (quick_check) and brought to its newest schema version.
 * `:memory:` for tests. A store that held data and is found missing, empty or corrupt is set aside and its latest
 * snapshot restored (src/base/state-keeper.ts), in one line; a corrupt one without a snapshot, or a file that cannot
 * be opened, is a StateError whose message names the file, what is wrong and what to do, and the file is left as it was.
 */
export function openStateDb(file: string, spec: StoreSpec): DatabaseSync {
  if (file === ':memory:') return ready(file, spec);
  const keeper = keeperOf(file);
  try {
    keeper.beforeOpen(file);
  } catch (err) {
    throw new StateError(stateProblem(file, err, spec.holds));
  }
  try {
    return ready(file, spec, keeper);
  } catch (err) {
    const cause = err instanceof StateError ? err.cause : err;
    if (err instanceof Emptied) keeper.lost(file, 'empty', 'has no tables left');
    else if (CORRUPT.test((cause as Error)?.message ?? '') && keeper.latestSnapshot(file)) keeper.lost(file, 'corrupt', `is not a database (corrupt?: ${(cause as Error).message.split('\n')[0]})`);
    else throw err;
    return ready(file, spec, keeper);
  }
}

function ready(file: string, spec: StoreSpec, keeper?: StateKeeper): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    if (file !== ':memory:') privateFile(file);
    db = new StateDb(file, spec.holds, keeper);
    db.exec(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; ${spec.pragmas ?? ''}`);
    if (file !== ':memory:') {
      const check = (db.prepare('PRAGMA quick_check(1)').get() as { quick_check: string } | undefined)?.quick_check;
      if (check !== 'ok') throw new Error(`database disk image is malformed (${check})`);
      if (keeper?.emptied(file, db)) throw new Emptied();
    }
    upgrade(db, spec.steps, file);
    if (file !== ':memory:') privateFile(file);
    try {
      keeper?.opened(file, db);
    } catch {
      // Only a note for later (which stores held data, the daily snapshot); the store itself is ready.
    }
    return db;
  } catch (err) {
    try {
      db?.close();
    } catch {
      // Closing a connection that failed to open is best effort.
    }
    if (err instanceof Emptied) throw err;
    if (err instanceof NewerSchema) throw new StateError(err.message, { cause: err });
    throw new StateError(stateProblem(file, err, spec.holds), { cause: err });
  }
}

/** A state database's error (node:sqlite) met mid-run, said in one line for the file it came from; others undefined. */
export function stateFailureOf(err: unknown): string | undefined {
  const tag = err as Partial<StateErrorTag> & { code?: string };
  if (tag?.code !== 'ERR_SQLITE_ERROR' || !tag.stateFile) return undefined;
  return stateProblem(tag.stateFile, err, tag.stateHolds ?? 'the state');
}
