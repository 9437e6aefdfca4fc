import { chmodSync, statSync } from 'node:fs';

/** A directory everyone may write in, each keeping their own files (sticky, as /tmp is). */
const STICKY = 0o1000;

/**
 * Give a directory of ours this mode, whatever the umask made it. A shared sticky directory (/tmp, given as the place
 * for a state file or the minutes) is everyone's and keeps its mode: run as root, making it 0700 would close /tmp to
 * every other user. A directory someone else owns (EPERM) keeps the mode they chose; the files in it still get theirs.
 */
export function setOwnDirMode(dir: string, mode: number): void {
  const now = statSync(dir).mode;
  if ((now & STICKY) !== 0 || (now & 0o777) === mode) return;
  try {
    chmodSync(dir, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
}
