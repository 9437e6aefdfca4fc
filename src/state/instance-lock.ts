import { readFileSync, writeFileSync } from 'node:fs';
import { privateDir, privateFile, StateError, stateProblem } from '../base/state-files.js';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface LockOptions {
  /** Wait for the holder to exit instead of refusing. */
  standby: boolean;
  /** How often a standby tries again, in ms. */
  retryMs?: number;
  /** Told once when a standby starts waiting. */
  onWait?: (holder: string) => void;
}

export class InstanceLockedError extends Error {}

/**
 * One bot per data directory. The lock is an exclusive SQLite transaction held for the life of the process:
 * the operating system drops it when the process dies, even by kill -9, so a stale lock never blocks a restart.
 */
export class InstanceLock {
  private constructor(private readonly db: DatabaseSync) {}

  static async acquire(dataDir: string, options: LockOptions): Promise<InstanceLock> {
    const lockFile = join(dataDir, 'rdobot.lock');
    const infoFile = join(dataDir, 'rdobot.lock.json');
    let told = false;
    for (;;) {
      let db: DatabaseSync;
      try {
        privateDir(dataDir);
        privateFile(lockFile);
        db = new DatabaseSync(lockFile);
      } catch (err) {
        throw new StateError(stateProblem(lockFile, err, 'nothing (it is only a lock)'));
      }
      try {
        db.exec('PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;');
        writeFileSync(infoFile, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }), { mode: 0o600 });
        return new InstanceLock(db);
      } catch (err) {
        db.close();
        if (!/locked|busy/i.test((err as Error).message)) throw new StateError(stateProblem(lockFile, err, 'nothing (it is only a lock)'));
        const holder = InstanceLock.holder(infoFile);
        if (!options.standby) {
          throw new InstanceLockedError(`another rdobot (${holder}) is running on the data directory ${dataDir}; stop it first, or start this one with RDOBOT_STANDBY=true to take over when it exits`);
        }
        if (!told) options.onWait?.(holder);
        told = true;
        await new Promise((r) => setTimeout(r, options.retryMs ?? 1000));
      }
    }
  }

  private static holder(infoFile: string): string {
    try {
      const info = JSON.parse(readFileSync(infoFile, 'utf8')) as { pid: number; host: string; since: string };
      return `pid ${info.pid} on ${info.host} since ${info.since}`;
    } catch {
      return 'unknown process';
    }
  }

  release(): void {
    try {
      this.db.exec('ROLLBACK');
    } finally {
      this.db.close();
    }
  }
}
