import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setOwnDirMode } from './dir-mode.js';

/**
 * What the bot keeps on disk (reminder texts, subscriptions, account → nick) is nobody else's business: the data
 * directory is 0700 and every state file 0600, whatever the umask the bot was started with. SQLite gives its -wal and
 * -shm files the mode of the database file, so making the database private first keeps them private too.
 */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Already closed to others (0500, say): left as it is.
  if ((statSync(dir).mode & 0o077) !== 0) setOwnDirMode(dir, 0o700);
}

/**
 * A private directory whose files were written by an older rdobot under a lax umask (an adapter's session, sync
 * position, direct rooms): each regular file in it becomes 0600. Links are left alone; they are not ours to change.
 */
export function privateDirAndFiles(dir: string): void {
  privateDir(dir);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isFile() && (stat.mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

/** The file (created empty if missing, which SQLite takes as a new database) and its -wal/-shm, 0600. */
export function privateFile(file: string): void {
  privateDir(dirname(file));
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** A state file that cannot be used, said in one line: which file, what is wrong, what to do. */
export class StateError extends Error {}

/**
 * The one-line account of a state failure. `lost` says what the file holds, for the advice to move it aside. The file
 * itself is never touched: whatever could not be read is left for the operator to look at.
 */
export function stateProblem(file: string, err: unknown, lost: string): string {
  const message = (err as Error)?.message ?? String(err);
  const code = (err as NodeJS.ErrnoException)?.code;
  const name = basename(file);
  if (/not a database|malformed|corrupt/i.test(message)) return `${file} is not a database (corrupt?): move it aside and restart; ${lost} in it would be lost`;
  if (/disk is full|database or disk is full|ENOSPC/i.test(message) || code === 'ENOSPC') {
    return `${file}: the disk is full: free some space on ${dirname(file)} and restart; ${name} was left as it was`;
  }
  if (/disk I\/O error|EFBIG|EIO\b/i.test(message) || code === 'EFBIG' || code === 'EIO') {
    return `${file}: writing or reading it failed (disk I/O error: a full or failing disk, or a file size limit?): check ${dirname(file)} and its disk, and restart; ${name} was left as it was`;
  }
  if (/unable to open|EACCES|EPERM|permission|readonly|read-only|EROFS/i.test(message) || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return `${file}: cannot open it for writing (${code && !code.startsWith('ERR_SQLITE') ? code : message.split('\n')[0]}): check that the user running rdobot owns ${dirname(file)} and may write there`;
  }
  if (/locked|busy/i.test(message)) return `${file} is locked by another process: stop the other rdobot (or sqlite3 session) using it and restart`;
  return `${file}: ${message.split('\n')[0]}: check the file and its directory; ${name} was left as it was`;
}

/** A state database's error (node:sqlite), said in one line for that file; other errors are undefined. */
export function stateFailure(file: string, err: unknown, lost: string): string | undefined {
  return (err as { code?: string })?.code === 'ERR_SQLITE_ERROR' ? stateProblem(file, err, lost) : undefined;
}
