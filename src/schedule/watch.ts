import { watch, type FSWatcher } from 'node:fs';

/** Editors save in bursts (write, rename, chmod), and a checkout changes many files at once: wait for the quiet. */
const SETTLE_MS = 200;

/**
 * Watches directories of meeting and events YAML and calls back once things settle, so an edited definition
 * reaches reminders, commands and the community page without a `!reload`.
 */
export class DefinitionWatcher {
  private readonly watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dirs: string[],
    private readonly onChange: () => void,
    private readonly settleMs = SETTLE_MS,
  ) {}

  start(): void {
    if (this.watchers.length) return;
    for (const dir of this.dirs) {
      try {
        const w = watch(dir, { recursive: true, persistent: false }, (_event, name) => {
          if (!name || /\.ya?ml$/i.test(name)) this.changed();
        });
        w.on('error', () => this.changed());
        this.watchers.push(w);
      } catch {
        // A directory that does not exist was already reported by the loader.
      }
    }
  }

  private changed(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onChange();
    }, this.settleMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const w of this.watchers.splice(0)) w.close();
  }
}
