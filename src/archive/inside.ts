import { realpathSync } from 'node:fs';
import { sep } from 'node:path';

/**
 * Whether `path` really lies inside `dir`, links resolved: a symlink in a source directory (or committed to a git
 * source) must not publish a file from elsewhere on the disk. A path that cannot be resolved counts as outside.
 */
export function resolvesInside(dir: string, path: string): boolean {
  try {
    const root = realpathSync(dir);
    const real = realpathSync(path);
    return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
  } catch {
    return false;
  }
}

/** The warning for an entry left out because it leads outside its directory. */
export const OUTSIDE_REASON = 'leads outside its directory (a symlink?); skipped. Set RDOBOT_ALLOW_OUTSIDE_LINKS=on to follow such links';

/** A file over its size cap: the error a read gives, so that it is reported like any other unreadable file. */
export class TooBigError extends Error {
  readonly code = 'EFBIG';
}
