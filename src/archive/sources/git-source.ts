import { join } from 'node:path';
import { promisify } from 'node:util';
import { DirectorySource } from './directory-source.js';
import type { ParseOptions } from '../parse-post.js';
import type { PostCache } from '../post-cache.js';
import type { PostSource, SourceUpdate } from './source.js';

/** git, run with a timeout; node:child_process is loaded on the first pull (a one-shot answer never pulls). */
async function run(file: string, args: string[], options: { timeout: number }): Promise<{ stdout: string; stderr: string }> {
  const { execFile } = await import('node:child_process');
  return promisify(execFile)(file, args, options);
}

export interface GitOptions {
  /** The checkout (work tree). */
  repo: string;
  /** Posts directory inside it, e.g. source/blog. */
  path: string;
  /** `git pull --ff-only` this often; 0 = never (the checkout is updated by someone else). */
  pullEveryMs: number;
}

/**
 * A git checkout of the website: its posts directory is watched like any other, and an optional
 * `git pull --ff-only` on an interval brings new posts in. Only files the pull changed are read again.
 */
export class GitSource implements PostSource {
  readonly root: string;
  private readonly dir: DirectorySource;
  private timer: NodeJS.Timeout | null = null;
  private onUpdate: (u: SourceUpdate) => void = () => {};

  constructor(
    private readonly options: GitOptions,
    parse: ParseOptions,
    cache: PostCache | null = null,
  ) {
    this.dir = new DirectorySource(join(options.repo, options.path), parse, cache);
    this.root = this.dir.root;
  }

  load(): Promise<SourceUpdate> {
    return this.dir.load();
  }

  start(onUpdate: (u: SourceUpdate) => void): void {
    this.onUpdate = onUpdate;
    this.dir.start(onUpdate);
    if (this.options.pullEveryMs > 0) {
      const tick = () => {
        this.timer = setTimeout(() => void this.pull().finally(tick), this.options.pullEveryMs);
      };
      tick();
    }
  }

  /** Pull, then re-read just the posts the pull touched. Returns git's complaint, if any. */
  async pull(): Promise<string | null> {
    const git = (...args: string[]) => run('git', ['-C', this.options.repo, ...args], { timeout: 60_000 });
    try {
      const before = (await git('rev-parse', 'HEAD')).stdout.trim();
      await git('pull', '--ff-only', '--quiet');
      const after = (await git('rev-parse', 'HEAD')).stdout.trim();
      if (before === after) return null;
      const changed = (await git('diff', '--name-only', before, after, '--', this.options.path)).stdout.split('\n').filter(Boolean);
      const update: SourceUpdate = { root: this.root, initial: false, upserted: [], removed: [], warnings: [] };
      for (const file of changed) {
        const one = await this.dir.refreshFile(file.slice(this.options.path.replace(/\/+$/, '').length + 1));
        if (!one) continue;
        update.upserted.push(...one.upserted);
        update.removed.push(...one.removed);
        update.warnings.push(...one.warnings);
      }
      this.onUpdate(update);
      return null;
    } catch (err) {
      const reason = `git pull failed: ${((err as { stderr?: string }).stderr || (err as Error).message).trim().split('\n')[0]}`;
      this.onUpdate({ root: this.root, initial: false, upserted: [], removed: [], warnings: [{ file: this.options.repo, reason }] });
      return reason;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.dir.stop();
  }
}
