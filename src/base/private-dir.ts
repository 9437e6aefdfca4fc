import { lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A private directory under `base` (the system's temporary directory) for what rdobot keeps between one-shot runs:
 * created 0700, and refused when it is a link, someone else's, or open to others, since a planted cache could make the
 * bot give wrong answers. Only node: modules here: it is used before anything else is loaded.
 */
export function privateTempDir(base: string, name = `rdobot-${process.getuid?.() ?? 'user'}`): string | null {
  const dir = join(base, name);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const s = lstatSync(dir);
    const mine = typeof process.getuid !== 'function' || s.uid === process.getuid();
    return s.isDirectory() && mine && (s.mode & 0o077) === 0 ? dir : null;
  } catch {
    return null;
  }
}
