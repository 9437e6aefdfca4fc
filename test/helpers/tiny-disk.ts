import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real, tiny file system (tmpfs), so that "the disk is full" is the kernel's ENOSPC and not a simulation: null
 * where mounting is not allowed (it needs root).
 */
export function tinyDisk(size = '4m'): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

/** Fill the disk to the last byte. */
export function fill(dir: string): void {
  try {
    writeFileSync(join(dir, 'filler'), Buffer.alloc(16 * 1024 * 1024));
  } catch {
    // ENOSPC: what was written stays, and the disk is full.
  }
}

export function unfill(dir: string): void {
  rmSync(join(dir, 'filler'), { force: true });
}

export function removeDisk(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}
