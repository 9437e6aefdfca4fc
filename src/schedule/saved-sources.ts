import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from '../base/zod.js';

/**
 * The last good text of each meeting or events file, kept in the data directory, so that a file broken while the bot
 * was down still gives its last good version after a restart (in memory, the loaders keep what they last read). The
 * text is kept, not what was read from it: reading it again goes through the same schema as the file itself.
 * What cannot be read back (a damaged or foreign file) is an empty start and a warning, never a failed start.
 */
const SAVED = z.object({ version: z.literal(1), files: z.record(z.string(), z.string()) });

export class SavedSources {
  private files: Record<string, string> = {};
  private dirty = false;
  /** Why the saved file could not be read back, once (for the log). */
  problem: string | null = null;

  private constructor(private readonly path: string | null) {}

  /** Kept in `<dataDir>/last-good/<kind>.json`; without a data directory, nothing is kept. */
  static open(dataDir: string | undefined, kind: 'meetings' | 'events'): SavedSources {
    const saved = new SavedSources(dataDir ? join(dataDir, 'last-good', `${kind}.json`) : null);
    saved.read();
    return saved;
  }

  private read(): void {
    if (!this.path) return;
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.problem = `${this.path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'}); no last good readings`;
      return;
    }
    try {
      const parsed = SAVED.safeParse(JSON.parse(text));
      if (parsed.success) this.files = parsed.data.files;
      else this.problem = `${this.path}: not a file of last good readings; ignored`;
    } catch {
      this.problem = `${this.path}: damaged (not JSON); ignored`;
    }
  }

  get(file: string): string | undefined {
    return Object.hasOwn(this.files, file) ? this.files[file] : undefined;
  }

  set(file: string, text: string): void {
    if (this.get(file) === text) return;
    this.files[file] = text;
    this.dirty = true;
  }

  /** Forget the files no longer there (a file removed on purpose is not served from memory). */
  keepOnly(present: readonly string[]): void {
    const keep = new Set(present);
    for (const file of Object.keys(this.files)) {
      if (keep.has(file)) continue;
      delete this.files[file];
      this.dirty = true;
    }
  }

  /** Write what changed, whole or not at all (a temporary file renamed over it), private to the bot's user. */
  flush(): string | null {
    if (!this.path || !this.dirty) return null;
    try {
      mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o700 });
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: 1, files: this.files }), { mode: 0o600 });
      renameSync(tmp, this.path);
      this.dirty = false;
      return null;
    } catch (err) {
      // Still dirty: written at the next load. The sources themselves are served either way.
      return `${this.path}: cannot write the last good readings (${(err as NodeJS.ErrnoException).code ?? 'error'}); kept in memory`;
    }
  }
}
