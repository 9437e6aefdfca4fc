import { chmodSync, closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { z } from './zod.js';
import type { Logger } from './log.js';
import { privateDir } from './state-files.js';

/** Daily snapshots kept of each store, newest first; older ones are deleted. */
export const SNAPSHOTS_KEPT = 3;
/** Problems named by /healthz in full; past that only counted. */
const PROBLEMS_NAMED = 5;
/** A note is a line we wrote; more than this was not written by us and is not read. */
const NOTE_MAX_BYTES = 2000;

export type ProblemKind = 'corrupt' | 'empty' | 'missing';

export interface StoreProblem {
  store: string;
  kind: ProblemKind;
  /** When it was found (ISO). */
  at: string;
  /** The line that was logged: what was found, where the remains are, what was restored and from when. */
  message: string;
}

/** `stores.json`: which stores have held data, so one found missing or empty later is not taken for a new one. */
const Marker = z.record(z.string(), z.object({ held: z.boolean(), since: z.string().optional() }).loose());
type Marker = z.infer<typeof Marker>;

/**
 * Looks after the state files of one data directory (users.sqlite, meetings.sqlite, reminders.sqlite,
 * announcements.sqlite): remembers which of them have held data (`stores.json`), so one that is later missing, zero
 * bytes or without tables is said to be lost instead of silently started afresh; keeps what remains of a lost or
 * corrupt store in `set-aside/` with a note saying what happened (listed on /healthz until the operator removes the
 * note); takes a snapshot of each open store once a day into `snapshots/` (VACUUM INTO, the last few kept, private);
 * and puts the latest snapshot back in place of a store that is corrupt, missing or emptied.
 */
export class StateKeeper {
  private logger: Logger | undefined;
  /** Lines said before a logger was given (a store opened before the bot's logger existed). */
  private readonly unsaid: string[] = [];
  private readonly stores = new Map<string, DatabaseSync>();

  constructor(readonly dir: string) {}

  get asideDir(): string {
    return join(this.dir, 'set-aside');
  }

  get snapshotDir(): string {
    return join(this.dir, 'snapshots');
  }

  useLogger(logger: Logger): void {
    this.logger = logger;
    for (const line of this.unsaid.splice(0)) logger.warn(line);
  }

  private say(line: string): void {
    if (this.logger) this.logger.warn(line);
    else this.unsaid.push(line);
  }

  // ---- which stores held data

  private get markerFile(): string {
    return join(this.dir, 'stores.json');
  }

  private marker(): Marker {
    try {
      const parsed = Marker.safeParse(JSON.parse(readFileSync(this.markerFile, 'utf8')));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  heldData(file: string): boolean {
    return this.marker()[basename(file)]?.held === true;
  }

  private markHeld(file: string, now: number): void {
    const marker = this.marker();
    const name = basename(file);
    if (marker[name]?.held) return;
    marker[name] = { held: true, since: new Date(now).toISOString() };
    this.saveMarker(marker);
  }

  /** A store that was lost starts again as one that holds nothing, until it does (a restored snapshot does at once). */
  private unmark(file: string): void {
    const marker = this.marker();
    delete marker[basename(file)];
    this.saveMarker(marker);
  }

  /** Best effort: a marker that cannot be written (a full disk) is said, and never stops a store from opening. */
  private saveMarker(marker: Marker): void {
    const tmp = `${this.markerFile}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, this.markerFile);
    } catch (err) {
      rmSync(tmp, { force: true });
      this.say(`${this.markerFile}: could not record which stores hold data (${(err as Error).message.split('\n')[0]}); a store lost meanwhile may not be noticed`);
    }
  }

  // ---- before and after a store is opened

  /**
   * Before a store is opened: a store that held data and is now missing or zero bytes is not started afresh silently.
   * What remains (an empty file, a write-ahead log) is set aside, the latest snapshot put back if there is one, and
   * one line says so.
   */
  beforeOpen(file: string): void {
    if (!this.heldData(file)) return;
    const missing = !existsSync(file);
    if (!missing && statSync(file).size > 0) return;
    this.lost(file, missing ? 'missing' : 'empty', missing ? 'is missing' : 'is empty (zero bytes)');
  }

  /**
   * A store that held data and opened without a single table (emptied, or replaced by a new file): closed by the
   * caller, then handled as a lost one. True when it was found so.
   */
  emptied(file: string, db: DatabaseSync): boolean {
    if (!this.heldData(file)) return false;
    return (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n === 0;
  }

  /** A store found missing, emptied or corrupt: its remains set aside, the latest snapshot restored (true) if any. */
  lost(file: string, kind: ProblemKind, what: string): boolean {
    const name = basename(file);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    privateDir(this.asideDir);
    const aside = join(this.asideDir, `${name}.${kind}-${stamp}`);
    const moved: string[] = [];
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) {
        renameSync(file + suffix, aside + suffix);
        moved.push(aside + suffix);
      }
    }
    this.unmark(file);
    const snapshot = this.latestSnapshot(file);
    if (snapshot) {
      copyFileSync(snapshot.path, file);
      chmodSync(file, 0o600);
    }
    const remains = moved.length ? `what remained is kept in ${moved[0]}` : 'nothing remained of it';
    const restored = snapshot
      ? `restored the snapshot of ${snapshot.day} (${snapshot.path}, taken ${snapshot.taken}); changes since then are not in it`
      : 'no snapshot to restore: it starts empty';
    const line = `${file} held data and ${what}: ${remains}; ${restored}`;
    writeFileSync(`${aside}.txt`, `${line}\n`, { mode: 0o600 });
    this.say(line);
    return snapshot !== undefined;
  }

  /**
   * An open store: remembered for its daily snapshot, and marked as holding data once it does. Real time by default:
   * snapshots are files on disk, dated as the disk dates them, not by the clock the answers are pinned to.
   */
  opened(file: string, db: DatabaseSync, now = Date.now()): void {
    if (!db.isOpen) return;
    this.stores.set(file, db);
    if (hasRows(db)) this.markHeld(file, now);
  }

  /** A store closing: remembered as holding data if it got its first rows in this run, and no longer snapshotted (real time, as `opened`). */
  closing(file: string, db: DatabaseSync, now = Date.now()): void {
    if (this.stores.get(file) === db) this.stores.delete(file);
    if (db.isOpen && hasRows(db)) this.markHeld(file, now);
  }

  // ---- snapshots

  private snapshotsOf(file: string): { day: string; path: string }[] {
    const prefix = `${basename(file)}.`;
    let names: string[];
    try {
      names = readdirSync(this.snapshotDir);
    } catch {
      return [];
    }
    return names
      .map((n) => ({ n, m: n.startsWith(prefix) ? /^(\d{4}-\d{2}-\d{2})$/.exec(n.slice(prefix.length)) : null }))
      .filter((x) => x.m !== null)
      .map((x) => ({ day: x.m![1], path: join(this.snapshotDir, x.n) }))
      .sort((a, b) => b.day.localeCompare(a.day));
  }

  latestSnapshot(file: string): { day: string; path: string; taken: string } | undefined {
    const latest = this.snapshotsOf(file)[0];
    return latest && { ...latest, taken: statSync(latest.path).mtime.toISOString() };
  }

  /**
   * Once a day (by `now`, the bot's clock) each open store is copied into `snapshots/<name>.<yyyy-mm-dd>` (VACUUM INTO:
   * a consistent copy while the bot runs), and all but the newest few are deleted. A failure is said, never thrown.
   */
  tick(now: number): void {
    const day = new Date(now).toISOString().slice(0, 10);
    for (const [file, db] of this.stores) {
      if (!db.isOpen) {
        this.stores.delete(file);
        continue;
      }
      const target = join(this.snapshotDir, `${basename(file)}.${day}`);
      const tmp = `${target}.tmp`;
      try {
        if (hasRows(db)) this.markHeld(file, now);
        if (existsSync(target)) continue;
        privateDir(this.snapshotDir);
        rmSync(tmp, { force: true });
        // Created private and empty first: VACUUM INTO fills an empty file, and the copy is never readable by others.
        closeSync(openSync(tmp, 'w', 0o600));
        db.exec(`VACUUM INTO '${tmp.replaceAll("'", "''")}'`);
        renameSync(tmp, target);
        for (const old of this.snapshotsOf(file).slice(SNAPSHOTS_KEPT)) rmSync(old.path, { force: true });
      } catch (err) {
        rmSync(tmp, { force: true });
        this.say(`${file}: its daily snapshot could not be written to ${this.snapshotDir} (${(err as Error).message.split('\n')[0]}); the store itself is unchanged`);
      }
    }
  }

  // ---- what /healthz says

  /** The notes in set-aside/, newest first: the first few in full, and how many there are. */
  problems(): { count: number; first: StoreProblem[] } {
    let notes: string[];
    try {
      notes = readdirSync(this.asideDir).filter((n) => n.endsWith('.txt'));
    } catch {
      return { count: 0, first: [] };
    }
    const parsed = notes
      .map((n) => ({ n, m: /^(.+)\.(corrupt|empty|missing)-(\d{4}-\d{2}-\d{2}T[\d-]+Z)\.txt$/.exec(n) }))
      .filter((x) => x.m !== null)
      .sort((a, b) => b.m![3].localeCompare(a.m![3]));
    const first = parsed.slice(0, PROBLEMS_NAMED).map(({ n, m }) => ({
      store: m![1],
      kind: m![2] as ProblemKind,
      at: m![3].replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z'),
      message: readNote(join(this.asideDir, n)),
    }));
    return { count: parsed.length, first };
  }
}

function readNote(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(0, NOTE_MAX_BYTES).trim();
  } catch {
    return '';
  }
}

/** True when any table of the store has a row. */
export function hasRows(db: DatabaseSync): boolean {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return tables.some((t) => db.prepare(`SELECT EXISTS (SELECT 1 FROM "${t.name.replaceAll('"', '""')}") AS x`).get()?.x === 1);
}

const keepers = new Map<string, StateKeeper>();

/** The keeper of a data directory (one per directory in a process); with a logger, it says its lines there. */
export function stateKeeper(given: string, logger?: Logger): StateKeeper {
  // One keeper whichever way the directory is written (`data`, `./data/`, `/srv/data`).
  const dir = resolve(given);
  let keeper = keepers.get(dir);
  if (!keeper) keepers.set(dir, (keeper = new StateKeeper(dir)));
  if (logger) keeper.useLogger(logger);
  return keeper;
}

/** The keeper of the directory a state file is in. */
export const keeperOf = (file: string): StateKeeper => stateKeeper(dirname(file));
